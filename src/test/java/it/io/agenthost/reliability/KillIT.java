package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of Liberty in the middle of runs, then a restart: every completed response is readable and complete, and
 * its stream can be replayed; every foreground run that was cut short reads as still in progress, never as complete,
 * and a replay of its stream ends with an error; a background run that was cut short fails with
 * {@code server_restarted} within the lease ({@code agent.runs.lease}, PT6S for the tests' server).
 */
class KillIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aKilledServerLosesNoCompletedResponseAndPretendsNothing() throws Exception {
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> done = TestServer.post("/v1/responses",
                    "{\"model\":\"assistant\",\"input\":\"kept " + i + "\"}");
            assertEquals(200, done.statusCode(), done.body());
            completed.add(TestServer.json(done.body()).getString("id"));
        }
        HttpResponse<String> streamed = TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"stream\":true,\"input\":\"streamed and kept\"}");
        List<JsonObject> streamedEvents = TestServer.sseEvents(streamed.body());
        String streamedId = streamedEvents.get(0).getJsonObject("response").getString("id");
        HttpResponse<String> background = TestServer.post("/v1/responses", "{\"model\":\"assistant\","
                + "\"background\":true,\"input\":\"cut in the background\",\"tools\":[{\"type\":\"mcp\","
                + "\"server_label\":\"slow\",\"server_url\":\"" + System.getProperty("mcp.test.slow.url")
                + "\",\"require_approval\":\"never\"}]}");
        assertEquals(200, background.statusCode(), background.body());
        String backgroundId = TestServer.json(background.body()).getString("id");
        // Runs that wait on an MCP server answering after 40 s: in progress when the server dies.
        List<String> cut = new ArrayList<>();
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> streaming = http.send(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"stream\":true,\"input\":\"cut "
                            + i + "\",\"tools\":[{\"type\":\"mcp\",\"server_label\":\"slow\",\"server_url\":\""
                            + System.getProperty("mcp.test.slow.url") + "\",\"require_approval\":\"never\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            streams.add(streaming.body());
            cut.add(inProgress(streaming.body()).getJsonObject("response").getString("id"));
        }

        ProcessHandle liberty = ProcessHandle.of(TestServer.libertyPid().orElseThrow()).orElseThrow();
        liberty.destroyForcibly();
        assertTrue(!liberty.onExit().get(60, TimeUnit.SECONDS).isAlive());
        for (InputStream stream : streams) {
            stream.close();
        }
        start();

        for (String id : completed) {
            JsonObject response = retrieve(id);
            assertEquals("completed", response.getString("status"), id);
        }
        for (String id : cut) {
            assertEquals("in_progress", retrieve(id).getString("status"), id);
            List<JsonObject> replayed = TestServer.sseEvents(
                    TestServer.get("/v1/responses/" + id + "?agent=assistant&stream=true").body());
            JsonObject last = replayed.get(replayed.size() - 1);
            assertEquals("error", last.getString("type"), id);
            assertEquals("server_restarted", last.getString("code"), id);
        }
        assertEquals(streamedEvents, TestServer.sseEvents(
                TestServer.get("/v1/responses/" + streamedId + "?agent=assistant&stream=true").body()));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject restarted = retrieve(backgroundId);
        while (!restarted.getString("status").equals("failed") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            restarted = retrieve(backgroundId);
        }
        assertEquals("failed", restarted.getString("status"), restarted.toString());
        assertEquals("server_restarted", restarted.getJsonObject("error").getString("code"));
        List<JsonObject> backgroundEvents = TestServer.sseEvents(
                TestServer.get("/v1/responses/" + backgroundId + "?agent=assistant&stream=true").body());
        JsonObject terminal = backgroundEvents.get(backgroundEvents.size() - 1);
        assertEquals("response.failed", terminal.getString("type"));
        assertEquals("server_restarted", terminal.getJsonObject("response").getJsonObject("error").getString("code"));
    }

    private static JsonObject retrieve(String id) {
        HttpResponse<String> response = TestServer.get("/v1/responses/" + id + "?agent=assistant");
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }

    /** The response.in_progress event: once a client has seen it, the response is recorded. */
    private static JsonObject inProgress(InputStream stream) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ")) {
                JsonObject event = TestServer.json(line.substring(6));
                if (event.getString("type").equals("response.in_progress")) {
                    return event;
                }
            }
        }
        throw new AssertionError("the stream ended before response.in_progress");
    }

    private static void start() throws Exception {
        Process process = new ProcessBuilder(TestServer.installDir().resolve("bin/server").toString(), "start",
                TestServer.serverName()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (TestServer.get("/v1/models").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the port is not open yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not come back after the kill");
    }
}
