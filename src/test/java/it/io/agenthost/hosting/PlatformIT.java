package it.io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Liberty started as the container image starts a Microsoft Foundry hosted agent ({@code CALLER_AUTH=foundry}),
 * driven as the platform drives it: the OpenAI Java SDK with the base URL without {@code /v1}, and the platform's
 * headers. Its host toolbox {@code calendar} is reached through a stand-in of the project's toolbox proxy, with
 * bearer tokens that azure-identity's real {@code DefaultAzureCredential} gets from a managed identity endpoint
 * ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}). Azure itself cannot be had here; the proxy and the identity
 * endpoint are the tests' own ({@code ProxyGate}, {@code ManagedIdentityEndpoint}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final String BASE = "http://" + TestServer.HOST + ":" + Integer.getInteger("platform.http.port", 9082);
    private static final String CONTROL = System.getProperty("mcp.test.control.url");
    private static final OpenAIClient CLIENT = OpenAIOkHttpClient.builder().baseUrl(BASE).apiKey("unused")
            .maxRetries(0).build();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static ResponseCreateParams.Builder asUser(String user, String callId, String input) {
        return ResponseCreateParams.builder().model("assistant").input(input)
                .putAdditionalHeader("x-agent-user-id", user)
                .putAdditionalHeader("x-agent-foundry-call-id", callId);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestServer.send(request.build());
    }

    private static JsonArray recorded(String server) {
        HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + "requests?name="
                + server)).GET().build());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readArray();
    }

    private static String header(JsonObject request, String name) {
        JsonArray values = request.getJsonObject("headers").getJsonArray(name);
        return values == null || values.isEmpty() ? null : values.getString(0);
    }

    @Test
    void theProbesAnswerWithoutAUserAndSayReady() {
        for (String probe : List.of("/readiness", "/liveness")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(BASE + probe)));
            assertEquals(200, answer.statusCode(), probe + ": " + answer.body());
            assertEquals("UP", TestServer.json(answer.body()).getString("status"));
        }
        // The toolbox opened at start through the proxy, with a token of the managed identity.
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")));
        JsonObject toolboxes = TestServer.json(health.body()).getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(check -> check.getString("name").equals("toolboxes")).findFirst().orElseThrow();
        assertEquals("Healthy", toolboxes.getJsonObject("data").getString("calendar"), health.body());
    }

    @Test
    void aRequestWithoutTheEndUserIsRefusedInOpenAisShape() {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(BASE + "/responses"))
                .header("Content-Type", "application/json").header("x-request-id", "req-platform-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"input\":\"hi\"}")));

        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("missing_user", TestServer.json(refused.body()).getJsonObject("error").getString("code"));
        assertEquals("req-platform-1", refused.headers().firstValue("x-request-id").orElseThrow());
        assertEquals("user", refused.headers().firstValue("x-platform-error-source").orElseThrow());
        assertTrue(refused.headers().firstValue("x-platform-error-detail").orElseThrow().contains("x-agent-user-id"));
        assertTrue(refused.headers().firstValue("x-platform-server").orElseThrow().startsWith("agent-host/"));
    }

    @Test
    void anMcpRequestWithoutTheEndUserIsRefusedAsJsonRpc() {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(BASE + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));

        assertEquals(401, refused.statusCode(), refused.body());
        JsonObject answer = TestServer.json(refused.body());
        assertEquals("2.0", answer.getString("jsonrpc"), refused.body());
        assertEquals(-32600, answer.getJsonObject("error").getInt("code"));
        assertTrue(answer.getJsonObject("error").getString("message").contains("x-agent-user-id"));
        assertEquals("user", refused.headers().firstValue("x-platform-error-source").orElseThrow());
    }

    @Test
    void theResponseHasTheGivenIdCarriesTheAgentReferenceAndIsItsUsersOnly() {
        String id = "resp_platform_" + UUID.randomUUID().toString().replace("-", "");
        Response created = CLIENT.responses().create(asUser("alice", "call-alice-1", "/call add {\"a\":2,\"b\":3}")
                .putAdditionalHeader("x-agent-response-id", id)
                .putAdditionalBodyProperty("agent_reference", JsonValue.from(Map.of("type", "agent_reference",
                        "name", "assistant", "version", "7")))
                .build());

        assertEquals(id, created.id());
        assertEquals(ResponseStatus.COMPLETED, created.status().orElseThrow());
        assertEquals("add returned: 5", TestServer.lastText(created));

        HttpResponse<String> stored = send(HttpRequest.newBuilder(URI.create(BASE + "/responses/" + id))
                .header("x-agent-user-id", "alice"));
        assertEquals(200, stored.statusCode(), stored.body());
        JsonObject body = TestServer.json(stored.body());
        JsonObject reference = Json.createObjectBuilder().add("type", "agent_reference").add("name", "assistant")
                .add("version", "7").build();
        assertEquals(reference, body.getJsonObject("agent_reference"));
        assertFalse(body.getJsonArray("output").isEmpty());
        body.getJsonArray("output").getValuesAs(JsonObject.class)
                .forEach(item -> assertEquals(reference, item.getJsonObject("agent_reference"), item.toString()));
        assertNotNull(body.getString("agent_session_id"));

        ResponseRetrieveParams retrieve = ResponseRetrieveParams.builder().responseId(id).build();
        assertThrows(NotFoundException.class, () -> CLIENT.responses().retrieve(retrieve.toBuilder()
                .putAdditionalHeader("x-agent-user-id", "bob").build()));
        assertEquals(id, CLIENT.responses().retrieve(retrieve.toBuilder()
                .putAdditionalHeader("x-agent-user-id", "alice").build()).id());

        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(BASE + "/responses"))
                .header("Content-Type", "application/json").header("x-agent-user-id", "alice")
                .header("x-agent-response-id", id)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"input\":\"hi\"}")));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("user", again.headers().firstValue("x-platform-error-source").orElseThrow());
    }

    @Test
    void everyAnswerNamesItsRequestAndItsSession() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(BASE + "/v1/responses"))
                .header("Content-Type", "application/json").header("x-agent-user-id", "carol")
                .header("x-request-id", "req-platform-2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"input\":\"hi\","
                        + "\"agent_session_id\":\"session-carol\"}")));

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("req-platform-2", answer.headers().firstValue("x-request-id").orElseThrow());
        assertEquals("session-carol", answer.headers().firstValue("x-agent-session-id").orElseThrow());
        assertEquals("session-carol", TestServer.json(answer.body()).getString("agent_session_id"));
        HttpResponse<String> generated = send(HttpRequest.newBuilder(URI.create(BASE + "/readiness")));
        assertFalse(generated.headers().firstValue("x-request-id").orElseThrow().isBlank());
    }

    /**
     * 200 runs at once, each of its own user and call: every request the proxy sees carries the call id of the run
     * that made it, and a bearer of the platform's identity.
     */
    @Test
    void eachRunReachesTheProxyWithItsOwnCallIdAndNoOther() throws Exception {
        int runs = 200;
        Map<Integer, String> callIds = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            callIds.put(i, "call-" + i + "-" + UUID.randomUUID());
        }
        int before = recorded("proxy").size();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                int n = i;
                answers.add(pool.submit(() -> CLIENT.responses().create(asUser("user-" + n, callIds.get(n),
                        "/call add {\"a\":" + n + ",\"b\":1000}").build())));
            }
            for (int i = 0; i < runs; i++) {
                assertEquals("add returned: " + (i + 1000), TestServer.lastText(answers.get(i).get()));
            }
        } finally {
            pool.shutdown();
        }

        JsonArray seen = recorded("proxy");
        Map<Integer, Integer> callsPerRun = new HashMap<>();
        for (JsonObject request : seen.subList(before, seen.size()).stream().map(JsonObject.class::cast).toList()) {
            assertTrue(header(request, "authorization").startsWith("Bearer mi-"), request.toString());
            assertTrue(header(request, "foundry-features").contains("Toolboxes=V1Preview"), request.toString());
            String body = request.getString("body", "");
            if (!body.contains("\"tools/call\"")) {
                continue;
            }
            int n = Json.createReader(new StringReader(body)).readObject().getJsonObject("params")
                    .getJsonObject("arguments").getInt("a");
            assertEquals(callIds.get(n), header(request, "x-agent-foundry-call-id"), "the call of run " + n);
            callsPerRun.merge(n, 1, Integer::sum);
        }
        assertEquals(runs, callsPerRun.size());
        assertTrue(callsPerRun.values().stream().allMatch(count -> count == 1), callsPerRun.toString());
    }

    @Test
    void theCallIdNeverReachesAnMcpServerOfAnotherHost() {
        String callId = "call-private-" + UUID.randomUUID();
        int before = recorded("healthy").size();
        Response response = CLIENT.responses().create(asUser("dave", callId, "/call rec.add {\"a\":1,\"b\":1}")
                .addTool(Tool.Mcp.builder().serverLabel("rec").serverUrl(System.getProperty("mcp.test.healthy.url"))
                        .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build())
                .build());

        assertEquals("add returned: 2", TestServer.lastText(response));
        JsonArray seen = recorded("healthy");
        assertTrue(seen.size() > before);
        seen.subList(before, seen.size()).stream().map(JsonObject.class::cast)
                .forEach(request -> assertEquals(null, header(request, "x-agent-foundry-call-id"), request.toString()));
    }

    /**
     * Last, since it stops the server: SIGTERM while a stream waits on a slow toolbox call. Liberty's quiesce lets the
     * stream finish with its terminal event, then the server exits.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void sigtermLetsTheStreamInFlightEndWithItsTerminalEventThenTheServerExits() throws Exception {
        ProcessHandle liberty = ProcessHandle.of(TestServer.libertyPid(System.getProperty("platform.server.name",
                "agent-host-platform")).orElseThrow()).orElseThrow();
        control("faults?name=proxy&spec=delay=PT4S");
        try {
            java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream =
                    java.net.http.HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(BASE
                            + "/responses")).header("Content-Type", "application/json")
                            .header("x-agent-user-id", "erin")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"stream\":true,"
                                    + "\"input\":\"/call add {\\\"a\\\":20,\\\"b\\\":22}\"}")).build(),
                            HttpResponse.BodyHandlers.ofLines());
            java.util.Iterator<String> lines = stream.get(30, java.util.concurrent.TimeUnit.SECONDS).body().iterator();
            List<String> events = new ArrayList<>();
            while (lines.hasNext() && !events.contains("event: response.mcp_call.in_progress")) {
                String line = lines.next();
                if (line.startsWith("event: ")) {
                    events.add(line);
                }
            }
            assertTrue(liberty.destroy(), "SIGTERM sent");
            lines.forEachRemaining(line -> {
                if (line.startsWith("event: ")) {
                    events.add(line);
                }
            });

            assertEquals("event: response.completed", events.get(events.size() - 1), events.toString());
            assertTrue(events.contains("event: response.mcp_call.completed"), events.toString());
            liberty.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            control("faults?name=proxy&spec=");
        }
    }

    private static void control(String command) {
        HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
