package it.io.agenthost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonArray;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * MCP servers chosen per request, from the official OpenAI Java client: server-everything, and an MCP Java SDK
 * server ({@code healthy}) whose {@code whoami} tool answers with the Authorization header it received and which
 * records every request.
 */
class RequestToolsIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String EVERYTHING = System.getProperty("mcp.everything.url");
    private static final String RECORDER = System.getProperty("mcp.test.healthy.url");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Tool.Mcp.Builder mcp(String label, String url) {
        return Tool.Mcp.builder().serverLabel(label).serverUrl(url);
    }

    private static Response create(String input, Tool.Mcp... tools) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model("assistant").input(input);
        for (Tool.Mcp tool : tools) {
            params.addTool(tool);
        }
        return CLIENT.responses().create(params.build());
    }

    private static List<ResponseOutputItem.McpCall> calls(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMcpCall).map(ResponseOutputItem::asMcpCall).toList();
    }

    private static ResponseOutputItem.McpListTools listOf(Response response, String label) {
        return response.output().stream().filter(ResponseOutputItem::isMcpListTools).map(ResponseOutputItem::asMcpListTools)
                .filter(l -> l.serverLabel().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aRequestServerIsListedAndCalled() {
        Response response = create("/call ev.echo {\"message\":\"per request\"}", mcp("ev", EVERYTHING)
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());
        response.validate();

        assertTrue(listOf(response, "ev").tools().stream().anyMatch(t -> t.name().equals("echo")));
        ResponseOutputItem.McpCall call = calls(response).get(0);
        assertEquals("ev", call.serverLabel());
        assertEquals("Echo: per request", call.output().orElseThrow());
        assertEquals("echo returned: Echo: per request", TestServer.lastText(response));
    }

    @Test
    void allowedToolsFilterWhatTheModelSees() {
        Response response = create("/call ev.echo {\"message\":\"x\"}", mcp("ev", EVERYTHING).allowedToolsOfMcp(List.of("get-sum"))
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());

        assertEquals(List.of("get-sum"), listOf(response, "ev").tools().stream().map(t -> t.name()).toList());
        assertTrue(calls(response).stream().noneMatch(c -> c.serverLabel().equals("ev")));
    }

    @Test
    void anUnreachableServerIsReportedAndTheRunGoesOn() {
        Response response = create("still answers", mcp("gone", "http://127.0.0.1:1/mcp").build());

        assertTrue(listOf(response, "gone").error().isPresent());
        assertEquals("still answers", TestServer.lastText(response));
    }

    @Test
    void anApprovedCallRunsAndARefusedOneDoesNot() {
        Tool.Mcp tool = mcp("ev", EVERYTHING).build();
        Response asking = create("/call ev.echo {\"message\":\"may I\"}", tool);
        ResponseOutputItem.McpApprovalRequest request = asking.output().stream()
                .filter(ResponseOutputItem::isMcpApprovalRequest).findFirst().orElseThrow().asMcpApprovalRequest();
        assertEquals("echo", request.name());
        assertTrue(calls(asking).isEmpty());

        Response approved = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .previousResponseId(asking.id()).addTool(tool)
                .inputOfResponse(List.of(ResponseInputItem.ofMcpApprovalResponse(ResponseInputItem.McpApprovalResponse
                        .builder().approvalRequestId(request.id()).approve(true).build()))).build());
        ResponseOutputItem.McpCall call = calls(approved).get(0);
        assertEquals(request.id(), call.approvalRequestId().orElseThrow());
        assertEquals("Echo: may I", call.output().orElseThrow());
        assertEquals("echo returned: Echo: may I", TestServer.lastText(approved));

        Response asking2 = create("/call ev.echo {\"message\":\"no\"}", tool);
        String id2 = asking2.output().stream().filter(ResponseOutputItem::isMcpApprovalRequest).findFirst()
                .orElseThrow().asMcpApprovalRequest().id();
        Response denied = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .previousResponseId(asking2.id()).addTool(tool)
                .inputOfResponse(List.of(ResponseInputItem.ofMcpApprovalResponse(ResponseInputItem.McpApprovalResponse
                        .builder().approvalRequestId(id2).approve(false).build()))).build());
        assertTrue(calls(denied).isEmpty());
        assertTrue(TestServer.lastText(denied).contains("did not approve"));
    }

    @Test
    void anApprovalForAnotherResponseIsRefused() {
        Response previous = create("hello", mcp("ev", EVERYTHING).build());

        assertThrows(BadRequestException.class, () -> CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").previousResponseId(previous.id())
                .inputOfResponse(List.of(ResponseInputItem.ofMcpApprovalResponse(ResponseInputItem.McpApprovalResponse
                        .builder().approvalRequestId("mcpr_not_from_here").approve(true).build()))).build()));
    }

    @Test
    void theBearerArrivesExactlyAsSentAndIsNeverShown() {
        control("reset?name=healthy");
        Tool.Mcp withToken = mcp("rec", RECORDER).authorization("tok-alpha-123")
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build();

        Response response = create("/call rec.add {\"a\":1,\"b\":2}", withToken);

        assertEquals("3", calls(response).get(0).output().orElseThrow());
        JsonArray recorded = recorded();
        assertFalse(recorded.isEmpty());
        // Every MCP request of the run carries the token; the session's DELETE, sent after the run, carries none.
        for (var request : recorded) {
            JsonArray authorization = request.asJsonObject().getJsonObject("headers").getJsonArray("authorization");
            if (request.asJsonObject().getString("method").equals("POST")) {
                assertEquals(1, authorization.size());
            }
            if (authorization != null) {
                assertEquals(List.of("Bearer tok-alpha-123"), authorization.getValuesAs(jakarta.json.JsonString::getString));
            }
        }
        assertFalse(TestServer.get("/v1/responses/" + response.id() + "?agent=assistant").body().contains("tok-alpha-123"));
        HttpResponse<String> streamed = TestServer.post("/v1/responses", "{\"model\":\"assistant\",\"stream\":true,"
                + "\"input\":\"/call rec.add {\\\"a\\\":1,\\\"b\\\":2}\",\"tools\":[{\"type\":\"mcp\",\"server_label\":\"rec\","
                + "\"server_url\":\"" + RECORDER + "\",\"authorization\":\"tok-beta-456\",\"require_approval\":\"never\"}]}");
        assertTrue(streamed.body().contains("response.mcp_call.completed"), streamed.body());
        assertFalse(streamed.body().contains("tok-beta-456"));
    }

    @Test
    void concurrentRequestsEachSendTheirOwnTokenAndNoneIsSentWithoutOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String token = "tok-" + i;
                Callable<String> call = () -> calls(create("/call rec.whoami {}", mcp("rec", RECORDER).authorization(token)
                        .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build()))
                        .get(0).output().orElseThrow();
                answers.add(pool.submit(call));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("Bearer tok-" + i, answers.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
        Response anonymous = create("/call rec.whoami {}", mcp("rec", RECORDER)
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());
        assertEquals("anonymous", calls(anonymous).get(0).output().orElseThrow());
    }

    @Test
    void anAuthorizationHeaderIsRefusedPointingAtAuthorization() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> create("x", mcp("rec", RECORDER)
                .headers(Tool.Mcp.Headers.builder().putAdditionalProperty("AUTHORIZATION", JsonValue.from("Bearer leak"))
                        .build()).build()));

        assertEquals("tools[0].headers", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("authorization"));
    }

    /**
     * Characters the JDK's HTTP client refuses in a header, which it would quote whole in its exception. The marker
     * after them is what the secret scan of the build looks for ({@code secret.scan.markers}).
     */
    static final String LEAK_MARKER = "unsendable-9f3c";
    static final List<String> UNSENDABLE = List.of("leak\u2603" + LEAK_MARKER + "42", "leak\u0001" + LEAK_MARKER + "43",
            "leak\u007f" + LEAK_MARKER + "44");

    @Test
    void aCredentialHttpCannotCarryIsRefusedWithoutShowingIt() {
        for (String token : UNSENDABLE) {
            for (boolean stream : List.of(false, true)) {
                String tool = "{\"type\":\"mcp\",\"server_label\":\"rec\",\"server_url\":\"" + RECORDER + "\","
                        + "\"require_approval\":\"never\",";
                HttpResponse<String> inAuthorization = TestServer.post("/v1/responses", "{\"model\":\"assistant\","
                        + "\"stream\":" + stream + ",\"input\":\"/call rec.whoami {}\",\"tools\":[" + tool
                        + "\"authorization\":" + jakarta.json.Json.createValue(token) + "}]}");
                HttpResponse<String> inHeaders = TestServer.post("/v1/responses", "{\"model\":\"assistant\","
                        + "\"stream\":" + stream + ",\"input\":\"/call rec.whoami {}\",\"tools\":[" + tool
                        + "\"headers\":{\"X-Api-Key\":" + jakarta.json.Json.createValue(token) + "}}]}");

                assertEquals(400, inAuthorization.statusCode(), inAuthorization.body());
                assertEquals("tools[0].authorization", TestServer.json(inAuthorization.body())
                        .getJsonObject("error").getString("param"));
                assertTrue(inAuthorization.body().contains("'rec'"), inAuthorization.body());
                assertEquals(400, inHeaders.statusCode(), inHeaders.body());
                assertEquals("tools[0].headers.X-Api-Key", TestServer.json(inHeaders.body())
                        .getJsonObject("error").getString("param"));
                for (HttpResponse<String> refused : List.of(inAuthorization, inHeaders)) {
                    assertFalse(refused.body().contains(LEAK_MARKER), refused.body());
                }
            }
        }
    }

    @Test
    void aLinkLocalServerUrlIsRefused() {
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> create("x", mcp("meta", "http://169.254.169.254/latest/meta-data").build()));

        assertEquals("tools[0].server_url", error.param().orElseThrow());
    }

    private static JsonArray recorded() {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + "requests?name=healthy")).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
    }

    static void control(String command) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
    }
}
