package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session transport against a scripted server of MCP 2025-11-25, which answers as each test sets it to. */
class SessionTransportTest {

    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
    private static final McpClientSettings SETTINGS = new McpClientSettings("test", "1", Duration.ofSeconds(5),
            Duration.ofSeconds(5), new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(10)));

    private HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** "METHOD rpc-method session" of every request, in order. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicReference<String> forgotten = new AtomicReference<>();
    private volatile String callAnswer = "json";
    private final CountDownLatch released = new CountDownLatch(1);
    /** Whether the event stream and a call are lost together: the stream's 404 first, the call's a moment later. */
    private volatile boolean streamAndCallLostTogether;
    private final CountDownLatch lostCall = new CountDownLatch(1);
    private final CountDownLatch lostStream = new CountDownLatch(1);
    private McpSyncClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/mcp", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        if (client != null) {
            client.close();
        }
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aCallAnsweredOnAnEventStreamCarriesTheSessionAndTheNegotiatedVersion() {
        callAnswer = "sse";
        client = client(Duration.ofSeconds(5));
        client.initialize();

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add", Map.of()));

        assertEquals("3", ((McpSchema.TextContent) result.content().get(0)).text());
        assertTrue(seen.contains("POST tools/call session-1 2025-11-25"), seen.toString());
        assertTrue(seen.contains("GET - session-1 2025-11-25"), "the session's event stream was asked for: " + seen);
    }

    @Test
    void anAnswerThatStallsEndsTheCallAtTheRequestTimeout() {
        callAnswer = "stall";
        client = client(Duration.ofMillis(800));
        client.initialize();

        long start = System.nanoTime();
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> client.callTool(new McpSchema.CallToolRequest("add", Map.of())));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 3_000, "gave up after " + millis + " ms");
        assertTrue(causes(failure).stream().anyMatch(t -> t instanceof TimeoutException
                || t instanceof java.net.http.HttpTimeoutException), String.valueOf(causes(failure)));
    }

    @Test
    void aSessionTheServerForgotIsOpenedAgain() {
        client = client(Duration.ofSeconds(5));
        client.initialize();
        // The session's event stream may be asked for after initialize returns: forgotten before, it would be its
        // 404 that opens the session again, and the call would not meet the forgotten session at all.
        awaitSeen("POST notifications/initialized session-1 2025-11-25");
        awaitSeen("GET - session-1 2025-11-25");
        forgotten.set("session-1");

        assertThrows(RuntimeException.class, () -> client.callTool(new McpSchema.CallToolRequest("add", Map.of())));
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add", Map.of()));

        assertEquals("3", ((McpSchema.TextContent) result.content().get(0)).text());
        assertTrue(seen.contains("POST initialize - 2025-11-25") && seen.contains("POST tools/call session-2 2025-11-25"),
                seen.toString());
        assertEquals(2, seen.stream().filter(line -> line.startsWith("POST initialize")).count(), seen.toString());
    }

    @Test
    void aSessionLostOnItsStreamAndOnACallAtOnceIsOpenedAgainOnce() {
        streamAndCallLostTogether = true;
        client = client(Duration.ofSeconds(5));
        client.initialize();
        forgotten.set("session-1");

        assertThrows(RuntimeException.class, () -> client.callTool(new McpSchema.CallToolRequest("add", Map.of())));
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add", Map.of()));

        assertEquals("3", ((McpSchema.TextContent) result.content().get(0)).text());
        assertTrue(seen.contains("GET - session-1 2025-11-25") && seen.contains("POST tools/call session-2 2025-11-25"),
                seen.toString());
        // Both 404s are in hand by now; a third session, opened for the second of them, would show within this pause.
        pause(1_000);
        assertEquals(2, seen.stream().filter(line -> line.startsWith("POST initialize")).count(), seen.toString());
    }

    @Test
    void closingEndsTheSessionAtTheServer() {
        client = client(Duration.ofSeconds(5));
        client.initialize();

        client.closeGracefully();
        client = null;

        assertTrue(seen.contains("DELETE - session-1 2025-11-25"), seen.toString());
    }

    private McpSyncClient client(Duration timeout) {
        McpEndpoint endpoint = new McpEndpoint("scripted",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp"), RequestHeaders.NONE);
        RetryingHttpClient http = RetryingHttpClient.create(SETTINGS, "scripted", new AtomicInteger(),
                new ProofNonce());
        SessionTransport transport = new SessionTransport(endpoint, http, (builder, method, uri, body, context) -> { },
                McpHttpClientTransportAuthorizationErrorHandler.NOOP, timeout);
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = find(METHOD, body, "-");
        String id = find(ID, body, null);
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        seen.add(exchange.getRequestMethod() + " " + method + " " + (session == null ? "-" : session) + " "
                + exchange.getRequestHeaders().getFirst("MCP-Protocol-Version"));
        if (streamAndCallLostTogether && "GET".equals(exchange.getRequestMethod()) && "session-1".equals(session)) {
            awaitQuietly(lostCall);
            send(exchange, 404, null, "");
            lostStream.countDown();
            return;
        }
        if (session != null && session.equals(forgotten.get())) {
            if (streamAndCallLostTogether && "tools/call".equals(method)) {
                lostCall.countDown();
                awaitQuietly(lostStream);
                pause(300);
            }
            send(exchange, 404, null, "");
            return;
        }
        switch (exchange.getRequestMethod() + " " + method) {
            case "POST initialize" -> {
                exchange.getResponseHeaders().add("Mcp-Session-Id", "session-" + sessions.incrementAndGet());
                send(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{"
                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}}");
            }
            case "POST tools/call" -> call(exchange, id);
            case "GET -" -> send(exchange, 405, null, "");
            case "DELETE -" -> send(exchange, 200, null, "");
            default -> send(exchange, 202, null, "");
        }
    }

    private void call(HttpExchange exchange, String id) throws IOException {
        String result = "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}],\"isError\":false}}";
        switch (callAnswer) {
            case "sse" -> send(exchange, 200, "text/event-stream", ": primed\n\nid: 1\ndata:\n\n"
                    + "event: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                    + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\nid: 3\ndata: " + result + "\n\n");
            case "stall" -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    released.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException | IOException e) {
                    // the client gave up
                }
            }
            default -> send(exchange, 200, "application/json", result);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitSeen(String request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!seen.contains(request)) {
            assertTrue(System.nanoTime() < deadline, "no " + request + " in " + seen);
            pause(5);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String find(Pattern pattern, String text, String otherwise) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
