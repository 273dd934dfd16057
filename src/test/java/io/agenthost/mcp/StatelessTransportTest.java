package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.client.McpResponseLostException;
import io.modelcontextprotocol.modern.client.transport.McpHttpAuthorizationErrorHandler;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import io.modelcontextprotocol.modern.client.transport.McpTransportRequest;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

/** The stateless transport against a scripted server of MCP 2026-07-28, which answers as each test sets it to. */
class StatelessTransportTest {

    private static final McpClientSettings SETTINGS = new McpClientSettings("test", "1", Duration.ofSeconds(5),
            Duration.ofSeconds(5), new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(10)));
    private static final String RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}";

    private HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> headersSeen = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String type = "application/json";
    private volatile String body = RESULT;
    private volatile boolean stall;

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
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void anAnswerOnAnEventStreamEndsAtItsResponseAndLeavesOutRequestsOfTheServer() {
        type = "text/event-stream";
        body = ": primed\n\ndata: {\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"roots/list\"}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,"
                + "\"progress\":1}}\n\ndata: " + RESULT + "\n\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"late\"}\n\n";

        List<JsonRpc.JSONRPCMessage> messages = exchange(Duration.ofSeconds(5));

        assertEquals(2, messages.size(), messages.toString());
        assertInstanceOf(JsonRpc.JSONRPCNotification.class, messages.get(0));
        assertInstanceOf(JsonRpc.JSONRPCResponse.class, messages.get(1));
        assertTrue(headersSeen.contains("mcp-protocol-version: 2026-07-28"), headersSeen.toString());
        assertTrue(headersSeen.contains("mcp-method: tools/list"), headersSeen.toString());
    }

    @Test
    void aRefusalExplainedAsAJsonRpcErrorIsThatError() {
        status = 400;
        body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"unsupported version\"}}";

        List<JsonRpc.JSONRPCMessage> messages = exchange(Duration.ofSeconds(5));

        JsonRpc.JSONRPCResponse response = assertInstanceOf(JsonRpc.JSONRPCResponse.class, messages.get(0));
        assertEquals(-32022, response.error().code());
    }

    @Test
    void anyOtherRefusalIsItsStatus() {
        status = 400;
        type = "text/plain";
        body = "Bad Request: no session";

        McpHttpStatusException refused = assertInstanceOf(McpHttpStatusException.class,
                Exceptions.unwrap(assertThrows(RuntimeException.class, () -> exchange(Duration.ofSeconds(5)))));

        assertEquals(400, refused.statusCode());
        assertEquals("Bad Request: no session", refused.body());
    }

    @Test
    void anEventStreamThatEndsWithoutItsResponseLosesTheResponse() {
        type = "text/event-stream";
        body = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n";

        assertInstanceOf(McpResponseLostException.class,
                Exceptions.unwrap(assertThrows(RuntimeException.class, () -> exchange(Duration.ofSeconds(5)))));
    }

    @Test
    void anAnswerThatStallsEndsAtTheRoundTimeout() {
        type = "text/event-stream";
        stall = true;

        long begun = System.nanoTime();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> exchange(Duration.ofMillis(800)));
        long millis = (System.nanoTime() - begun) / 1_000_000;

        assertTrue(millis < 3_000, "gave up after " + millis + " ms");
        assertInstanceOf(McpResponseLostException.class, Exceptions.unwrap(failure));
    }

    @Test
    void aRefusedCredentialIsSentAgainWhenTheHandlerRenewedIt() {
        status = 401;
        AtomicInteger asked = new AtomicInteger();
        McpHttpAuthorizationErrorHandler renewOnce = McpHttpAuthorizationErrorHandler.fromSync((request, answer,
                context) -> {
            status = 200;
            return asked.incrementAndGet() == 1;
        });

        List<JsonRpc.JSONRPCMessage> messages = transport(renewOnce).exchange(request(Duration.ofSeconds(5)))
                .collectList().block();

        assertEquals(1, asked.get());
        assertInstanceOf(JsonRpc.JSONRPCResponse.class, messages.get(0));
    }

    private List<JsonRpc.JSONRPCMessage> exchange(Duration timeout) {
        return transport(McpHttpAuthorizationErrorHandler.fromSync((request, answer, context) -> false))
                .exchange(request(timeout)).collectList().block();
    }

    private static McpTransportRequest request(Duration timeout) {
        return McpTransportRequest.builder(new JsonRpc.JSONRPCRequest("tools/list", 1, Map.of()), "2026-07-28")
                .roundTimeout(timeout).build();
    }

    private StatelessTransport transport(McpHttpAuthorizationErrorHandler authorization) {
        McpEndpoint endpoint = new McpEndpoint("scripted",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp"), RequestHeaders.NONE);
        return new StatelessTransport(endpoint, RetryingHttpClient.create(SETTINGS, "scripted", new AtomicInteger(),
                new ProofNonce()), (request, headers, context) -> reactor.core.publisher.Mono.empty(), authorization,
                Duration.ofSeconds(5));
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headersSeen.add(
                name.toLowerCase(java.util.Locale.ROOT) + ": " + value)));
        exchange.getResponseHeaders().add("Content-Type", type);
        if (stall) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                released.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
