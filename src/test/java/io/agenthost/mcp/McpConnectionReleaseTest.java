package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.testing.mcp.TestMcpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A closed MCP session lets go of its HTTP client: exchanges still in flight end, and the client refuses new ones,
 * so that nothing of the session keeps the client, its thread or its connections alive.
 */
class McpConnectionReleaseTest {

    private static final McpClientSettings SETTINGS = new McpClientSettings("release-test", "1",
            Duration.ofSeconds(5), Duration.ofSeconds(10), new RetryPolicy(0, Duration.ofMillis(10),
                    Duration.ofMillis(10)));

    @Test
    void aReleasedClientRefusesNewExchanges() throws Exception {
        try (TestMcpServer server = TestMcpServer.builder().start()) {
            RetryingHttpClient client = RetryingHttpClient.create(SETTINGS, "release-test", new AtomicInteger(),
                    new ProofNonce());
            HttpRequest get = HttpRequest.newBuilder(URI.create(server.url())).GET().build();
            client.send(get, HttpResponse.BodyHandlers.discarding());

            client.release();

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> client.sendAsync(get, HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, refused.getCause());
            assertEquals(0, client.exchangesInFlight());
        }
    }

    @Test
    void releaseEndsAnAnswerThatIsStillComing() throws Exception {
        try (TestMcpServer server = TestMcpServer.builder().start()) {
            server.delay(Duration.ofSeconds(30));
            RetryingHttpClient client = RetryingHttpClient.create(SETTINGS, "release-test", new AtomicInteger(),
                    new ProofNonce());
            CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.url())).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(1, client.exchangesInFlight());

            client.release();

            assertThrows(Exception.class, () -> answer.get(5, TimeUnit.SECONDS));
            assertEquals(0, client.exchangesInFlight());
        }
    }

    @Test
    void aBodyBeingReadIsCancelledWhenTheSessionEnds() {
        InFlightExchanges exchanges = new InFlightExchanges();
        AtomicBoolean cancelled = new AtomicBoolean();
        HttpResponse.BodySubscriber<Void> body = exchanges.track(HttpResponse.BodySubscribers.discarding());
        body.onSubscribe(subscription(cancelled));
        assertEquals(1, exchanges.size());

        exchanges.abortAll();

        assertTrue(cancelled.get());
        assertEquals(0, exchanges.size());
    }

    @Test
    void aBodyReadToItsEndIsNoLongerInFlight() {
        InFlightExchanges exchanges = new InFlightExchanges();
        HttpResponse.BodySubscriber<Void> body = exchanges.track(HttpResponse.BodySubscribers.discarding());
        body.onSubscribe(subscription(new AtomicBoolean()));
        body.onNext(List.of(ByteBuffer.allocate(1)));
        body.onComplete();

        assertEquals(0, exchanges.size());
    }

    /** A body's subscription that only notes whether it was cancelled. */
    private static Flow.Subscription subscription(AtomicBoolean cancelled) {
        return new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
