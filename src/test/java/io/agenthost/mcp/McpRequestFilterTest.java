package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.common.McpTransportContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpRequestFilterTest {

    private static Optional<String> authorizationSentTo(String server, String requestUri) {
        McpEndpoint endpoint = new McpEndpoint("test", URI.create(server),
                (uri, run) -> Map.of("Authorization", "Bearer secret", "X-Other", "kept"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(requestUri));
        new McpRequestFilter(endpoint, new ProofNonce()).customize(builder, "POST", URI.create(requestUri), "{}", McpTransportContext.EMPTY);
        HttpRequest request = builder.build();
        assertEquals("kept", request.headers().firstValue("X-Other").orElseThrow());
        return request.headers().firstValue("Authorization");
    }

    @Test
    void theCredentialGoesToTheServersOwnOriginOverHttps() {
        assertEquals("Bearer secret", authorizationSentTo("https://mcp.example/mcp", "https://mcp.example/mcp").orElseThrow());
        assertEquals("Bearer secret", authorizationSentTo("https://mcp.example/mcp", "https://MCP.example:443/other").orElseThrow());
    }

    @Test
    void plainHttpCarriesItToLoopbackOnly() {
        assertTrue(authorizationSentTo("http://127.0.0.1:3001/mcp", "http://127.0.0.1:3001/mcp").isPresent());
        assertTrue(authorizationSentTo("http://localhost:3001/mcp", "http://localhost:3001/mcp").isPresent());
        assertTrue(authorizationSentTo("http://[::1]:3001/mcp", "http://[::1]:3001/mcp").isPresent());
        assertFalse(authorizationSentTo("http://mcp.example/mcp", "http://mcp.example/mcp").isPresent());
        assertFalse(authorizationSentTo("http://10.0.0.5/mcp", "http://10.0.0.5/mcp").isPresent());
    }

    @Test
    void anotherOriginNeverSeesIt() {
        assertFalse(authorizationSentTo("https://mcp.example/mcp", "https://evil.example/mcp").isPresent());
        assertFalse(authorizationSentTo("https://mcp.example/mcp", "https://mcp.example:8443/mcp").isPresent());
        assertFalse(authorizationSentTo("https://mcp.example/mcp", "http://mcp.example/mcp").isPresent());
        assertFalse(authorizationSentTo("http://127.0.0.1:3001/mcp", "http://127.0.0.1:3002/mcp").isPresent());
    }

    @Test
    void aProvidedValueHttpCannotCarryStopsTheRequestWithoutShowingIt() {
        for (String token : List.of("leak\u2603secret42", "leak\u0001secret43", "leak\u007fsecret44")) {
            McpEndpoint endpoint = new McpEndpoint("graph", URI.create("https://mcp.example/mcp"),
                    (uri, run) -> Map.of("Authorization", "Bearer " + token));
            UnsendableHeaderException refused = assertThrows(UnsendableHeaderException.class,
                    () -> new McpRequestFilter(endpoint, new ProofNonce()).customize(HttpRequest.newBuilder(endpoint.url()), "POST",
                            endpoint.url(), "{}", McpTransportContext.EMPTY));

            assertEquals("the credential for MCP server graph is not a valid HTTP header value", refused.getMessage());
            assertEquals(refused.getMessage(), McpFailures.describe(new RuntimeException(refused), 0));
        }
    }

    @Test
    void aFailureIsDescribedWithoutTheMessagesThatMayQuoteARequest() {
        String jdk = McpFailures.describe(new RuntimeException(new IllegalArgumentException(
                "invalid header value: \"Bearer leak\u2603secret42\"")), 0);
        assertEquals("IllegalArgumentException", jdk);
        assertEquals("IOException: HTTP/1.1 header parser received no bytes", McpFailures.describe(
                new RuntimeException(new java.io.IOException("HTTP/1.1 header parser received no bytes")), 0));
    }

    @Test
    void loopbackIsDecidedWithoutAskingDns() {
        assertTrue(LoopbackHosts.names("127.0.0.2"));
        assertFalse(LoopbackHosts.names("localhost.evil.example"));
        assertFalse(LoopbackHosts.names("127.0.0.1.nip.io"));
    }
}
