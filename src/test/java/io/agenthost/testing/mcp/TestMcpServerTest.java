package io.agenthost.testing.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestMcpServerTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestMcpServer server;
    private McpSyncClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void offersTheStandardToolsOverStreamableHttp() {
        server = TestMcpServer.builder().start();
        client = connect(server.url(), null, tools -> { });

        List<String> names = client.listTools().tools().stream().map(Tool::name).collect(Collectors.toList());
        assertEquals(List.of("add", "whoami", "fail", "sleep", "fingerprint"), names);

        assertEquals("5", text(client.callTool(new CallToolRequest("add", Map.of("a", 2, "b", 3)))));
        assertEquals("4", text(client.callTool(new CallToolRequest("add", Map.of("a", 1.5, "b", 2.5)))));
        assertEquals("slept 20", text(client.callTool(new CallToolRequest("sleep", Map.of("ms", 20)))));

        CallToolResult failed = client.callTool(new CallToolRequest("fail", Map.of()));
        assertTrue(failed.isError());
        assertEquals("tool failed on purpose", text(failed));
    }

    @Test
    void whoamiTellsTheAuthorizationHeaderOfTheCall() {
        server = TestMcpServer.builder().start();
        client = connect(server.url(), "Bearer token-1", tools -> { });
        assertEquals("Bearer token-1", text(client.callTool(new CallToolRequest("whoami", Map.of()))));

        try (McpSyncClient anonymous = connect(server.url(), null, tools -> { })) {
            assertEquals("anonymous", text(anonymous.callTool(new CallToolRequest("whoami", Map.of()))));
        }
    }

    @Test
    void whoamiSeesATokenThatChangesWithinOneSession() {
        server = TestMcpServer.builder().start();
        AtomicReference<String> token = new AtomicReference<>("Bearer first");
        client = connectWithTokens(server.url(), token::get, tools -> { });
        assertEquals("Bearer first", text(client.callTool(new CallToolRequest("whoami", Map.of()))));
        token.set("Bearer second");
        assertEquals("Bearer second", text(client.callTool(new CallToolRequest("whoami", Map.of()))));
    }

    @Test
    void recordsEveryRequestWithHeadersAndBody() {
        server = TestMcpServer.builder().start();
        client = connect(server.url(), "Bearer token-2", tools -> { });
        client.callTool(new CallToolRequest("add", Map.of("a", 1, "b", 1)));

        List<RecordedRequest> calls = server.recorded("tools/call");
        assertEquals(1, calls.size());
        RecordedRequest call = calls.get(0);
        assertEquals("POST", call.method());
        assertEquals("/mcp", call.path());
        assertEquals("Bearer token-2", call.header("Authorization"));
        assertEquals(List.of("Bearer token-2"), call.headers().get("authorization"));
        assertNotNull(call.header("mcp-session-id"));
        assertTrue(call.body().contains("\"add\""), call.body());
        assertNotNull(call.arrival());
        assertEquals(1, server.recorded("initialize").size());

        server.clearRecorded();
        assertTrue(server.recorded().isEmpty());
    }

    @Test
    void failFirstFailsTheFirstPostsThenLetsThemThrough() throws Exception {
        server = TestMcpServer.builder().failFirst(2, 429, 1).start();

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = post(server.url(), INITIALIZE);
            assertEquals(429, refused.statusCode());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        }
        assertEquals(200, post(server.url(), INITIALIZE).statusCode());
        assertEquals(3, server.recorded().size());

        server.reset();
        assertEquals(429, post(server.url(), INITIALIZE).statusCode());
        assertEquals(1, server.recorded().size());
    }

    @Test
    void aClientGetsThroughOnceFailFirstIsExhausted() {
        server = TestMcpServer.builder().failFirst(1, 503, null).start();
        assertThrows(RuntimeException.class, () -> connect(server.url(), null, tools -> { }));
        client = connect(server.url(), null, tools -> { });
        assertEquals("5", text(client.callTool(new CallToolRequest("add", Map.of("a", 2, "b", 3)))));
    }

    @Test
    void garbageAnswersTheNamedMethodsWithBytesThatAreNoJson() throws Exception {
        server = TestMcpServer.builder().build().garbage("tools/call").start();
        client = connect(server.url(), null, tools -> { });

        assertThrows(RuntimeException.class,
                () -> client.callTool(new CallToolRequest("add", Map.of("a", 2, "b", 3))));
        HttpResponse<String> raw = post(server.url(),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"add\"}}");
        assertEquals(200, raw.statusCode());
        assertThrows(RuntimeException.class, () -> Json.createReader(new StringReader(raw.body())).readObject());
    }

    @Test
    void failAlwaysFailsEveryRequest() throws Exception {
        server = TestMcpServer.builder().failAlways(503).start();
        for (int i = 0; i < 3; i++) {
            assertEquals(503, post(server.url(), INITIALIZE).statusCode());
        }
        assertEquals(503, get(server.url()).statusCode());

        server.failAlways(0);
        assertEquals(200, post(server.url(), INITIALIZE).statusCode());
    }

    @Test
    void delaysAndRedirects() throws Exception {
        server = TestMcpServer.builder().delay(Duration.ofMillis(300)).start();
        long started = System.nanoTime();
        assertEquals(200, post(server.url(), INITIALIZE).statusCode());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(300));

        server.clearFaults().redirectTo("http://127.0.0.1:1/elsewhere");
        HttpResponse<String> redirected = post(server.url(), INITIALIZE);
        assertEquals(307, redirected.statusCode());
        assertEquals("http://127.0.0.1:1/elsewhere", redirected.headers().firstValue("Location").orElse(null));
    }

    @Test
    void notifiesConnectedClientsThatTheToolsChanged() throws Exception {
        server = TestMcpServer.builder().start();
        BlockingQueue<List<String>> lists = new LinkedBlockingQueue<>();
        client = connect(server.url(), null,
                tools -> lists.add(tools.stream().map(Tool::name).collect(Collectors.toList())));
        client.listTools();
        awaitListeningStream();

        server.notifyToolsChanged();
        List<String> first = lists.poll(10, TimeUnit.SECONDS);
        assertEquals(List.of("add", "whoami", "fail", "sleep", "fingerprint"), first);

        server.addTool(TestTools.textTool("late", "Added while running.", args -> "late answer"));
        List<String> second = lists.poll(10, TimeUnit.SECONDS);
        assertNotNull(second);
        assertTrue(second.contains("late"), second.toString());
        assertEquals("late answer", text(client.callTool(new CallToolRequest("late", Map.of()))));
    }

    @Test
    void twoServersOfferDifferentTools() {
        server = TestMcpServer.builder().toolPrefix("mail_").start();
        try (TestMcpServer other = TestMcpServer.builder().standardTools(false)
                .tool(TestTools.textTool("ping", "Answers pong.", args -> "pong")).start()) {
            client = connect(server.url(), null, tools -> { });
            assertEquals(List.of("mail_add", "mail_whoami", "mail_fail", "mail_sleep", "mail_fingerprint"),
                    client.listTools().tools().stream().map(Tool::name).collect(Collectors.toList()));
            try (McpSyncClient second = connect(other.url(), null, tools -> { })) {
                assertEquals("pong", text(second.callTool(new CallToolRequest("ping", Map.of()))));
            }
        }
    }

    @Test
    void aServerBuiltUnstartedListensLaterOnItsFixedPort() throws Exception {
        int port;
        try (TestMcpServer probe = TestMcpServer.builder().start()) {
            port = probe.port();
        }
        server = TestMcpServer.builder().port(port).build();
        assertFalse(server.isRunning());
        assertThrows(IOException.class, () -> post(server.url(), INITIALIZE));

        server.start();
        assertEquals(port, server.port());
        client = connect(server.url(), null, tools -> { });
        assertEquals("5", text(client.callTool(new CallToolRequest("add", Map.of("a", 2, "b", 3)))));

        server.stop();
        assertThrows(IOException.class, () -> post(server.url(), INITIALIZE));
        server.start();
        assertEquals(200, post(server.url(), INITIALIZE).statusCode());
    }

    /** The SDK client opens its GET stream for server messages in the background after initializing. */
    private void awaitListeningStream() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.recorded().stream().noneMatch(r -> r.method().equals("GET"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client opened no GET stream: " + server.recorded());
            }
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }

    private static McpSyncClient connect(String url, String authorization, Consumer<List<Tool>> toolsChanged) {
        return connectWithTokens(url, () -> authorization, toolsChanged);
    }

    private static McpSyncClient connectWithTokens(String url, Supplier<String> authorization,
            Consumer<List<Tool>> toolsChanged) {
        URI uri = URI.create(url);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getAuthority())
                .endpoint(uri.getPath())
                .httpRequestCustomizer((request, method, target, body, context) -> {
                    String value = authorization.get();
                    if (value != null) {
                        request.header("Authorization", value);
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(10))
                .initializationTimeout(Duration.ofSeconds(10))
                .toolsChangeConsumer(toolsChanged)
                .build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
