package it.io.agenthost.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Per-run credentials on a real Liberty: many streamed runs at once, each with a token of its own, against an MCP
 * Java SDK server ({@code healthy}) whose {@code whoami} tool answers with the Authorization header that carried the
 * call and which records every request; and a server ({@code redirect}) that sends every request on to another
 * origin.
 */
class RunScopeIT {

    private static final int RUNS = 200;
    private static final String RECORDER = System.getProperty("mcp.test.healthy.url");
    private static final String REDIRECT = System.getProperty("mcp.test.redirect.url");
    private static final Set<String> TOKENS_USED = new HashSet<>();

    private static String body(String token, String label, String url) {
        return "{\"model\":\"assistant\",\"stream\":true,\"store\":false,\"input\":\"/call " + label + ".whoami {}\","
                + "\"tools\":[{\"type\":\"mcp\",\"server_label\":\"" + label + "\",\"server_url\":\"" + url + "\","
                + "\"authorization\":\"" + token + "\",\"require_approval\":\"never\"}]}";
    }

    @Test
    void everyRunSendsItsOwnTokenAndNoOther() throws Exception {
        control("reset?name=healthy");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, CompletableFuture<HttpResponse<String>>> runs = new HashMap<>();
        for (int i = 0; i < RUNS; i++) {
            String token = "run-token-" + i + "-" + UUID.randomUUID();
            TOKENS_USED.add(token);
            runs.put(token, http.sendAsync(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(token, "rec", RECORDER))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> crossTalk = new ArrayList<>();
        Map<String, String> seenBy = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> run : runs.entrySet()) {
            List<JsonObject> events = TestServer.sseEvents(run.getValue().get().body());
            JsonObject last = events.get(events.size() - 1);
            assertEquals("response.completed", last.getString("type"), last.toString());
            String seen = whoami(last.getJsonObject("response"));
            seenBy.put(run.getKey(), seen);
            // What the tool says it saw; the server's own record of each HTTP request below is the full proof.
            if (seen != null && seen.startsWith("Bearer ") && !("Bearer " + run.getKey()).equals(seen)) {
                crossTalk.add(run.getKey() + " saw " + seen);
            }
        }

        // On the server's side: each MCP session carried one token only, and only tokens of these runs.
        Map<String, Set<String>> tokensBySession = new HashMap<>();
        List<String> unstamped = new ArrayList<>();
        Map<String, Integer> callsByToken = new HashMap<>();
        for (JsonValue request : recorded("healthy")) {
            JsonObject headers = request.asJsonObject().getJsonObject("headers");
            String authorization = first(headers, "authorization");
            if (authorization == null) {
                // Only the DELETE that ends a session after its run may go without the run's token.
                if (!request.asJsonObject().getString("method").equals("DELETE")) {
                    unstamped.add(request.asJsonObject().getString("method") + " "
                            + request.asJsonObject().getString("body", "") + " session " + first(headers, "mcp-session-id"));
                }
                continue;
            }
            String token = authorization.substring("Bearer ".length());
            assertTrue(TOKENS_USED.contains(token), authorization);
            if (request.asJsonObject().getString("body", "").contains("\"tools/call\"")) {
                callsByToken.merge(token, 1, Integer::sum);
            }
            String session = first(headers, "mcp-session-id");
            if (session != null) {
                tokensBySession.computeIfAbsent(session, s -> new HashSet<>()).add(authorization);
            }
        }
        assertEquals(List.of(), unstamped, "MCP requests of a run that went without its token");
        assertEquals(List.of(), crossTalk, "runs whose MCP server saw another run's token");
        // Each run made one tool call, and it carried that run's token: a call stamped with another run's token
        // would leave one token with two calls and another with none.
        Map<String, String> miscounted = new HashMap<>();
        for (String token : runs.keySet()) {
            int calls = callsByToken.getOrDefault(token, 0);
            if (calls != 1) {
                miscounted.put(token, calls + " calls, tool answered " + seenBy.get(token));
            }
        }
        assertEquals(Map.of(), miscounted);
        assertTrue(tokensBySession.values().stream().allMatch(tokens -> tokens.size() == 1));
    }

    @Test
    void aRedirectToAnotherOriginNeverCarriesTheToken() {
        control("reset?name=healthy");
        String token = "redirected-token-" + UUID.randomUUID();
        TOKENS_USED.add(token);

        HttpResponse<String> response = TestServer.post("/v1/responses", body(token, "hop", REDIRECT));

        List<JsonObject> events = TestServer.sseEvents(response.body());
        assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("response.mcp_list_tools.failed")));
        assertFalse(recorded("healthy").toString().contains(token), "the redirect target saw the token");
        assertTrue(recorded("redirect").toString().contains(token), "the server itself saw it");
    }

    /** Runs after the tests of this class: the server's logs hold none of the tokens they used. */
    @AfterAll
    static void noTokenInTheLogs() throws IOException {
        Path logs = TestServer.installDir().resolve("usr/servers/" + TestServer.serverName() + "/logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            TOKENS_USED.stream().filter(text::contains).forEach(token -> leaks.add(file.getFileName() + ": " + token));
        }
        assertTrue(leaks.isEmpty(), leaks.toString());
    }

    private static String whoami(JsonObject response) {
        for (JsonValue item : response.getJsonArray("output")) {
            JsonObject object = item.asJsonObject();
            if (object.getString("type").equals("mcp_call")) {
                return object.isNull("output") ? "error " + object.get("error") : object.getString("output");
            }
        }
        return null;
    }

    private static String first(JsonObject headers, String name) {
        JsonArray values = headers.getJsonArray(name);
        return values == null || values.isEmpty() ? null : values.getString(0);
    }

    private static JsonArray recorded(String server) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + "requests?name=" + server)).GET().build());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static void control(String command) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
    }
}
