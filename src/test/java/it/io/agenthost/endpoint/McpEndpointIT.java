package it.io.agenthost.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hosted agents as MCP tools at {@code /mcp} of the Liberty the build started: called by the MCP Java SDK's
 * client, by the TypeScript SDK's, and by the agent {@code planner}, which holds the host toolbox {@code agents}
 * pointed at this same endpoint.
 */
class McpEndpointIT {

    private static final String NODE_CLIENT = "src/test/node/agents-client.mjs";

    private static McpSyncClient client;

    @BeforeAll
    static void connect() {
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(TestServer.BASE).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void everyHostedAgentIsATool() {
        Map<String, Tool> tools = new HashMap<>();
        client.listTools().tools().forEach(tool -> tools.put(tool.name(), tool));

        assertTrue(tools.keySet().containsAll(List.of("assistant", "travel", "planner", "consenting")),
                tools.keySet().toString());
        assertEquals("A general-purpose assistant", tools.get("assistant").description());
        assertEquals("Plans trips", tools.get("travel").description());
        assertEquals(List.of("query"), tools.get("travel").inputSchema().get("required"));
    }

    @Test
    void theAssistantAnswersWithTheEchoAndKeepsTheResponse() {
        CallToolResult result = call("assistant", Map.of("query", "Hello over MCP"));

        assertFalse(result.isError(), text(result));
        assertEquals("Hello over MCP", text(result));
        JsonObject stored = retrieve(responseId(result), "assistant");
        assertEquals("assistant", stored.getString("model"));
        assertEquals("completed", stored.getString("status"));
    }

    @Test
    void aThreadContinuesTheAgentsConversationOnBothPaths() {
        String thread = "t1-" + UUID.randomUUID();
        CallToolResult first = call("travel", Map.of("query", "one two", "threadId", thread));
        CallToolResult second = call("travel", Map.of("query", "three", "threadId", thread));

        JsonObject firstStored = retrieve(responseId(first), "travel");
        JsonObject secondStored = retrieve(responseId(second), "travel");
        assertEquals(thread, secondStored.getJsonObject("conversation").getString("id"));
        long firstInput = inputTokens(firstStored);
        // The second run was given the first question and its answer ("one two" twice) before its own word.
        assertEquals(firstInput + 2 + 1, inputTokens(secondStored));

        JsonObject overHttp = create("{\"model\":\"travel\",\"input\":\"four\",\"conversation\":\"" + thread + "\"}");
        assertEquals(firstInput + 2 + 1 + 1 + 1, inputTokens(overHttp));
    }

    @Test
    void aThreadOfOneAgentIsOnlyAKeyUnderAnother() {
        String thread = "t1-" + UUID.randomUUID();
        call("travel", Map.of("query", "my secret is kept", "threadId", thread));

        CallToolResult other = call("assistant", Map.of("query", "what was it", "threadId", thread));
        CallToolResult fresh = call("assistant", Map.of("query", "what was it", "threadId", thread + "-fresh"));

        assertEquals("what was it", text(other));
        assertEquals(inputTokens(retrieve(responseId(fresh), "assistant")),
                inputTokens(retrieve(responseId(other), "assistant")));
    }

    @Test
    void theRestOfTheApiIsStillServedBesideTheEndpoint() {
        HttpResponse<String> noSession = TestServer.post("/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertEquals(400, noSession.statusCode());
        assertTrue(noSession.body().contains("Session ID required"), noSession.body());
        // The server never speaks first, so it offers no stream for that.
        HttpResponse<String> stream = TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/mcp"))
                .header("Accept", "text/event-stream").GET().build());
        assertEquals(405, stream.statusCode());

        HttpResponse<String> models = TestServer.get("/v1/models");
        assertEquals(200, models.statusCode());
        assertTrue(models.body().contains("\"planner\""), models.body());
    }

    @Test
    void plannerCallsTravelAsANestedRunWithItsOwnSession() throws InterruptedException {
        String thread = "t1-" + UUID.randomUUID();
        String input = "/call travel {\\\"query\\\":\\\"to Lisbon\\\",\\\"threadId\\\":\\\"" + thread + "\\\"}";
        JsonObject planned = null;
        // The toolbox "agents" may have opened before this endpoint served, and is retried at each run.
        for (int attempt = 0; attempt < 60 && planned == null; attempt++) {
            JsonObject response = create("{\"model\":\"planner\",\"input\":\"" + input + "\"}");
            if (mcpCall(response) != null) {
                planned = response;
            } else {
                Thread.sleep(500);
            }
        }
        assertTrue(planned != null, "planner never reached the agents' endpoint");

        JsonObject call = mcpCall(planned);
        assertEquals("agents", call.getString("server_label"));
        assertEquals("to Lisbon", call.getString("output"));
        assertEquals(JsonValue.NULL, call.get("error"));
        assertEquals("travel returned: to Lisbon", lastText(planned));

        // The nested run kept one question and its answer under (travel, thread): two words each.
        long withHistory = inputTokens(create("{\"model\":\"travel\",\"input\":\"x\",\"conversation\":\"" + thread
                + "\"}"));
        long alone = inputTokens(create("{\"model\":\"travel\",\"input\":\"x\",\"conversation\":\"" + thread
                + "-fresh\"}"));
        assertEquals(alone + 2 + 2, withHistory);
    }

    @Test
    void aClientOfTheTypeScriptSdkCallsAnAgent() throws Exception {
        assumeTrue(Files.exists(Path.of("src/test/node/node_modules/@modelcontextprotocol/sdk/package.json")),
                "the TypeScript MCP SDK is installed with src/test/node's peers");
        Process node = new ProcessBuilder("node", NODE_CLIENT, TestServer.BASE + "/mcp", "travel",
                "{\"query\":\"from node\"}").redirectErrorStream(true).start();
        node.getOutputStream().close();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node client did not finish");
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, node.exitValue(), output);

        JsonObject printed = TestServer.json(output.substring(output.lastIndexOf('\n') + 1));
        assertTrue(printed.getJsonArray("tools").stream()
                .anyMatch(t -> t.asJsonObject().getString("name").equals("travel")), output);
        JsonObject result = printed.getJsonObject("result");
        assertFalse(result.getBoolean("isError", false), output);
        assertEquals("from node", result.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static String responseId(CallToolResult result) {
        assertFalse(result.isError(), text(result));
        return (String) result.meta().get("io.agenthost/response_id");
    }

    private static JsonObject retrieve(String id, String agent) {
        HttpResponse<String> response = TestServer.get("/v1/responses/" + id + "?agent=" + agent);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }

    private static JsonObject create(String body) {
        HttpResponse<String> response = TestServer.post("/v1/responses", body);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }

    private static long inputTokens(JsonObject response) {
        return response.getJsonObject("usage").getJsonNumber("input_tokens").longValue();
    }

    /** The response's call of the tool travel, or null when it made none (the toolbox was not open yet). */
    private static JsonObject mcpCall(JsonObject response) {
        return response.getJsonArray("output").stream().map(JsonValue::asJsonObject)
                .filter(item -> item.getString("type").equals("mcp_call") && item.getString("name").equals("travel"))
                .findFirst().orElse(null);
    }

    private static String lastText(JsonObject response) {
        String text = null;
        for (JsonValue item : response.getJsonArray("output")) {
            JsonObject o = item.asJsonObject();
            if (o.getString("type").equals("message")) {
                text = o.getJsonArray("content").getJsonObject(0).getString("text");
            }
        }
        return text;
    }
}
