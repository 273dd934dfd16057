package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProofNonceTest {

    private static final HttpHeaders PROVEN = headers(Map.of("Authorization", "DPoP t", "DPoP", "proof"));
    private static final List<String> USE_NONCE = List.of("DPoP error=\"use_dpop_nonce\", resource_metadata=\"m\"");

    @Test
    void theNonceOfAUseDpopNonceRefusalIsKeptAndWorthOneMoreTry() {
        ProofNonce nonce = new ProofNonce();
        assertNull(nonce.current());
        assertTrue(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-1")), USE_NONCE));
        assertEquals("n-1", nonce.current());
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-1")), USE_NONCE),
                "refused with the nonce it already carried: another try would loop");
        assertTrue(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-2")), USE_NONCE));
        assertEquals("n-2", nonce.current());
    }

    @Test
    void otherRefusalsAreNotAboutTheNonce() {
        ProofNonce nonce = new ProofNonce();
        assertFalse(nonce.offered(headers(Map.of("Authorization", "Bearer t")), headers(Map.of("DPoP-Nonce", "n")),
                USE_NONCE), "a request without a proof");
        assertFalse(nonce.offered(PROVEN, headers(Map.of()), USE_NONCE), "no nonce given");
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n")),
                List.of("DPoP error=\"invalid_token\"")), "another error");
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "b\u0001ad")), USE_NONCE), "not a field value");
        assertNull(nonce.current());
    }

    @Test
    void aNewNonceOnAnyAnswerToAProofIsKept() {
        ProofNonce nonce = new ProofNonce();
        nonce.answered(200, PROVEN, headers(Map.of("DPoP-Nonce", "n-3")));
        assertEquals("n-3", nonce.current());
        nonce.answered(200, headers(Map.of("Authorization", "Bearer t")), headers(Map.of("DPoP-Nonce", "n-4")));
        nonce.answered(200, PROVEN, headers(Map.of("DPoP-Nonce", "b\u0001ad")));
        nonce.answered(200, PROVEN, headers(Map.of()));
        assertEquals("n-3", nonce.current(), "only a field value, given to a request with a proof");

        nonce.answered(401, PROVEN, headers(Map.of("DPoP-Nonce", "n-5")));
        assertEquals("n-3", nonce.current(), "a refusal is left to offered()");
        assertTrue(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-5")), USE_NONCE), "so it is tried again");
    }

    @Test
    void theConnectionsHttpClientLearnsTheNonceOfASuccessfulAnswer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", exchange -> {
            exchange.getResponseHeaders().add("DPoP-Nonce", "fresh-nonce");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            ProofNonce nonce = new ProofNonce();
            RetryingHttpClient client = RetryingHttpClient.create(new McpClientSettings("nonce-test", "1",
                    Duration.ofSeconds(5), Duration.ofSeconds(5), new RetryPolicy(0, Duration.ofMillis(10),
                            Duration.ofMillis(10))), "nonce-test", new AtomicInteger(), nonce);
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");

            client.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Authorization", "DPoP t").header("DPoP", "proof").build(),
                    HttpResponse.BodyHandlers.discarding());

            assertEquals("fresh-nonce", nonce.current());
            client.release();
        } finally {
            server.stop(0);
        }
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))), (a, b) -> true);
    }
}
