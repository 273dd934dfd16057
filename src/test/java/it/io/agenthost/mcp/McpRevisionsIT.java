package it.io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCancelParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import io.agenthost.testing.mcp.TestTools;
import it.io.agenthost.TestServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 end to end, from the official OpenAI Java client: a test server that speaks it only (the MCP Java
 * SDK's stateless server, which refuses {@code initialize}) as a request server and as a host toolbox. The servers of
 * 2025-11-25 that the other suites use (server-everything, the SDK's servers of sessions) show the fallback.
 */
class McpRevisionsIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String MODERN = System.getProperty("mcp.test.modern.url");
    private static final String CONTROL = System.getProperty("mcp.test.control.url");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Tool.Mcp modern(String token) {
        Tool.Mcp.Builder tool = Tool.Mcp.builder().serverLabel("m").serverUrl(MODERN)
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER);
        return (token == null ? tool : tool.authorization(token)).build();
    }

    private static List<ResponseOutputItem.McpCall> calls(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMcpCall).map(ResponseOutputItem::asMcpCall)
                .toList();
    }

    private static List<JsonObject> posts() {
        JsonArray all = TestServer.json("{\"r\":" + TestServer.send(HttpRequest.newBuilder(
                URI.create(CONTROL + "requests?name=modern")).GET().build()).body() + "}").getJsonArray("r");
        return all.stream().map(JsonValue::asJsonObject).filter(r -> r.getString("method").equals("POST")).toList();
    }

    private static List<String> header(JsonObject request, String name) {
        JsonArray values = request.getJsonObject("headers").getJsonArray(name);
        return values == null ? List.of() : values.getValuesAs(JsonString::getString);
    }

    @Test
    void aRequestServerOfTheStatelessRevisionIsListedAndCalledWithTheRunsToken() {
        TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + "reset?name=modern"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call m.fingerprint {}").addTool(modern("tok-2026")).build());

        assertEquals(TestTools.fingerprint("Bearer tok-2026"), calls(response).get(0).output().orElseThrow());
        List<JsonObject> posts = posts();
        assertEquals(List.of("tools/list", "tools/call"), posts.stream()
                .map(r -> r.getString("rpcMethod", "")).toList(), posts.toString());
        for (JsonObject post : posts) {
            assertEquals(List.of("2026-07-28"), header(post, "mcp-protocol-version"), post.toString());
            assertEquals(List.of("Bearer tok-2026"), header(post, "authorization"), post.toString());
            assertTrue(header(post, "mcp-session-id").isEmpty(), post.toString());
        }
        assertFalse(TestServer.get("/v1/responses/" + response.id() + "?agent=assistant").body().contains("tok-2026"));
    }

    @Test
    void aHostToolboxOfTheStatelessRevisionServesItsAgent() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("current")
                .input("/call add {\"a\":40,\"b\":2}").build());

        ResponseOutputItem.McpCall call = calls(response).get(0);
        assertEquals("modern", call.serverLabel());
        assertEquals("42", call.output().orElseThrow());
        assertEquals("add returned: 42", TestServer.lastText(response));
    }

    @Test
    void consentAskedForInAnInputRequiredResultEndsTheRunIncompleteWithTheLink() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call m.consent {}").addTool(modern(null)).build());

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals("consent_required", response.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
        List<? extends Map<?, ?>> consent = response.output().stream().filter(item -> item._json().isPresent())
                .map(item -> (Map<?, ?>) item._json().orElseThrow().convert(Map.class))
                .filter(map -> "oauth_consent_request".equals(map.get("type"))).toList();
        assertEquals(1, consent.size(), response.output().toString());
        assertEquals("m", consent.get(0).get("server_label"));
        assertEquals("https://consent.example.test/elicit?server=modern", consent.get(0).get("consent_link"));
    }

    @Test
    void cancellingABackgroundRunAbandonsItsStatelessCallInFlight() throws Exception {
        TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + "reset?name=modern"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        Response queued = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call m.sleep {\"ms\":30000}").addTool(modern(null)).background(true).build());
        Instant deadline = Instant.now().plusSeconds(20);
        while (posts().stream().noneMatch(r -> "tools/call".equals(r.getString("rpcMethod", "")))) {
            assertTrue(Instant.now().isBefore(deadline), "the call never reached the server");
            Thread.sleep(50);
        }

        Response cancelled = CLIENT.responses().cancel(ResponseCancelParams.builder().responseId(queued.id())
                .putAdditionalQueryParam("agent", "assistant").build());

        assertEquals(ResponseStatus.CANCELLED, cancelled.status().orElseThrow());
        Instant abandonedBy = Instant.now().plusSeconds(10);
        while (!TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + "abandoned?name=modern")).GET().build())
                .body().contains("\"sleep\"")) {
            assertTrue(Instant.now().isBefore(abandonedBy), "the server never saw its sleep call abandoned");
            Thread.sleep(100);
        }
    }
}
