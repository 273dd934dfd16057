package io.agenthost.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.Agent;
import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.AgentRunner;
import io.agenthost.agent.MarkerPolicy;
import io.agenthost.agent.RequestServers;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.ProtocolRevision;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.model.EchoModel;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelException;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.responses.MemoryResponses;
import io.agenthost.responses.ResponseService;
import io.agenthost.run.ConsentSignal;
import io.agenthost.run.RunTokens;
import io.agenthost.store.ResponseRecord;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.testing.TestAgents;
import io.agenthost.toolbox.ToolboxLocator;
import io.agenthost.toolbox.ToolboxRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.DispatcherType;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint with the real response service and the echo model behind it, in an embedded servlet container,
 * called by the MCP Java SDK's client.
 */
class AgentMcpServerTest {

    private static final McpClientSettings SETTINGS =
            new McpClientSettings("test", "1", Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.NONE);

    private static final MemoryResponses STORE = MemoryResponses.keyedByAgent();
    private static AgentMcpServer mcp;
    private static Server jetty;
    private static String url;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        AgentCatalog agents = new AgentCatalog(List.of(agent("assistant", "A general-purpose assistant"),
                agent("travel", "Plans trips"), agent("broken", "")), key -> Optional.empty());
        ToolboxRegistry noToolboxes = new ToolboxRegistry(List.of(), new ToolboxLocator(key -> Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ZERO, Clock.systemUTC());
        AgentRunner runner = new AgentRunner(new BrokenForOneAgent(), noToolboxes,
                new RequestServers(SETTINGS, new RunTokens(List.of(), Clock.systemUTC())), Runnable::run,
                new MarkerPolicy(true, Set.of()),
                new ConsentSignal(), AgentTelemetry.disabled());
        ResponseService responses = new ResponseService(agents, runner, STORE, null, () -> null, Optional.empty(),
                Duration.ZERO, AgentTelemetry.disabled());
        mcp = AgentMcpServer.create(agents.all(), responses::respond);

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(mcp.servlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, AgentMcpServer.PATH);
        // As McpEndpointListener puts it before the servlet: it tells the revisions apart.
        FilterHolder guard = new FilterHolder(new JsonRpcGuard(1 << 20));
        guard.setAsyncSupported(true);
        context.addFilter(guard, AgentMcpServer.PATH, EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();

        url = "http://127.0.0.1:" + connector.getLocalPort();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url)
                .endpoint(AgentMcpServer.PATH).build()).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        if (mcp != null) {
            mcp.close();
        }
        if (jetty != null) {
            jetty.stop();
        }
    }

    @BeforeEach
    void forget() {
        STORE.clear();
    }

    @Test
    void everyAgentIsAToolOfItsNameWithAQueryAndAnOptionalThread() {
        Map<String, Tool> tools = new LinkedHashMap<>();
        client.listTools().tools().forEach(tool -> tools.put(tool.name(), tool));

        assertEquals(List.of("assistant", "broken", "travel"), List.copyOf(tools.keySet()));
        assertEquals("Plans trips", tools.get("travel").description());
        assertEquals("The agent 'broken'.", tools.get("broken").description());
        Map<String, Object> schema = tools.get("travel").inputSchema();
        assertEquals("object", schema.get("type"));
        assertEquals(List.of("query"), schema.get("required"));
        assertTrue(((Map<?, ?>) schema.get("properties")).keySet().containsAll(List.of("query", "threadId")));
    }

    @Test
    void aCallIsAStoredResponseOfThatAgentAndAnswersWithItsText() {
        CallToolResult result = call("travel", Map.of("query", "to Lisbon"));

        assertFalse(result.isError());
        assertEquals("to Lisbon", text(result));
        ResponseRecord record = STORE.records().get(0);
        assertEquals(record.id(), result.meta().get(AgentReplies.RESPONSE_ID));
        assertEquals("travel", record.agent());
        assertNull(record.conversationId());
        assertEquals("completed", record.status());
    }

    @Test
    void aThreadContinuesThatAgentsConversationAndIsOnlyAKeyUnderAnother() {
        call("travel", Map.of("query", "one two", "threadId", "t1"));
        call("travel", Map.of("query", "three", "threadId", "t1"));
        call("assistant", Map.of("query", "three", "threadId", "t1"));
        call("assistant", Map.of("query", "three", "threadId", "t1-fresh"));

        List<ResponseRecord> travel = STORE.conversation("travel", "t1");
        assertEquals(2, travel.size());
        long first = inputTokens(travel.get(0));
        // The second run saw the first question and its answer ("one two" twice) before its own word.
        assertEquals(first + 2 + 1, inputTokens(travel.get(1)));
        long assistantT1 = inputTokens(STORE.conversation("assistant", "t1").get(0));
        assertEquals(inputTokens(STORE.conversation("assistant", "t1-fresh").get(0)), assistantT1);
    }

    @Test
    void anEmptyThreadIdAsksForNoThread() {
        call("travel", Map.of("query", "alone", "threadId", ""));

        assertNull(STORE.records().get(0).conversationId());
    }

    @Test
    void aFailedRunIsAToolErrorThatSaysSo() {
        CallToolResult result = call("broken", Map.of("query", "hello"));

        assertTrue(result.isError());
        assertEquals("Agent 'broken' failed: the model endpoint is down", text(result));
        assertEquals("failed", STORE.records().get(0).status());
    }

    @Test
    void badArgumentsAreToolErrorsAndRunNothing() {
        CallToolResult noQuery = call("travel", Map.of("threadId", "t1"));
        CallToolResult numberThread = call("travel", Map.of("query", "x", "threadId", 7));
        CallToolResult longThread = call("travel", Map.of("query", "x", "threadId", "t".repeat(257)));

        assertTrue(noQuery.isError());
        assertTrue(numberThread.isError());
        assertTrue(longThread.isError());
        assertTrue(text(longThread).contains("256"), text(longThread));
        assertTrue(STORE.records().isEmpty());
    }

    @Test
    void thereIsNoStreamForServerInitiatedMessages() throws Exception {
        HttpRequest stream = HttpRequest.newBuilder(URI.create(url + AgentMcpServer.PATH))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Void> get = HttpClient.newHttpClient().send(stream, HttpResponse.BodyHandlers.discarding());

        assertEquals(405, get.statusCode());
        assertEquals("POST, DELETE", get.headers().firstValue("Allow").orElseThrow());
        // The client took that answer in its stride: it still calls tools.
        assertFalse(call("travel", Map.of("query", "still here")).isError());
    }

    @Test
    void theStatelessRevisionIsServedAtTheSameUrl() {
        io.modelcontextprotocol.modern.client.McpSyncClient stateless =
                io.modelcontextprotocol.modern.client.McpClient.sync(HttpClientMcpTransport
                        .builder(url + AgentMcpServer.PATH).build()).roundTimeout(Duration.ofSeconds(20)).build();

        List<String> names = stateless.tools().list().tools().stream()
                .map(io.modelcontextprotocol.modern.McpSchema.Tool::name).toList();
        io.modelcontextprotocol.modern.McpSchema.CallToolResult answer = stateless.tool("travel")
                .arguments(Map.of("query", "to Lisbon")).call();

        assertEquals(List.of("assistant", "broken", "travel"), names);
        assertFalse(answer.isError());
        assertEquals("to Lisbon", ((io.modelcontextprotocol.modern.McpSchema.TextContent) answer.content().get(0))
                .text());
        ResponseRecord record = STORE.records().get(0);
        assertEquals(record.id(), answer.meta().get(AgentReplies.RESPONSE_ID));
    }

    @Test
    void theHostsOwnClientSpeaksTheStatelessRevisionToIt() {
        try (McpConnection connection = McpConnection.open(new McpEndpoint("agents",
                URI.create(url + AgentMcpServer.PATH), RequestHeaders.NONE), SETTINGS, null)) {
            assertEquals(ProtocolRevision.STATELESS, connection.revision());
            assertEquals(List.of("assistant", "broken", "travel"),
                    connection.tools().stream().map(io.agenthost.mcp.McpTool::name).toList());
            assertEquals("to Porto", connection.call("travel", "{\"query\":\"to Porto\"}").output());
        }
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static long inputTokens(ResponseRecord record) {
        JsonObject response = Json.createReader(new StringReader(record.responseJson())).readObject();
        return response.getJsonObject("usage").getJsonNumber("input_tokens").longValue();
    }

    /** An agent whose model is named after it, so the model client can tell the agents apart. */
    private static Agent agent(String name, String description) {
        return TestAgents.agent(name, "You are " + name + ".", description, name);
    }

    /** The echo model, except for the agent {@code broken}, whose model endpoint is down. */
    private static final class BrokenForOneAgent implements ModelClient {

        private final EchoModel echo = new EchoModel();

        @Override
        public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
            if (request.model().equals("broken")) {
                throw new ModelException("the model endpoint is down", null);
            }
            return echo.complete(request, textDeltas);
        }

        @Override
        public String providerName() {
            return "agent-host.echo";
        }
    }
}
