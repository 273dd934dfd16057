package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.testing.mcp.RecordedRequest;
import io.agenthost.testing.mcp.TestMcpServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MCP sessions keep no cookies: whatever a server (or a proxy before it) sets never comes back with a request. */
class McpConnectionCookiesTest {

    private static final McpClientSettings SETTINGS = new McpClientSettings("cookie-test", "1",
            Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.NONE);

    private static boolean carriesTheCookie(RecordedRequest request) {
        return request.headers().getOrDefault("cookie", List.of()).stream()
                .anyMatch(cookie -> cookie.contains(TestMcpServer.AFFINITY_COOKIE));
    }

    @Test
    void aCookieTheServerSetsIsNeverSentBack() throws Exception {
        try (TestMcpServer server = TestMcpServer.builder().start()) {
            // Control: a client that keeps cookies does send it back, so the server really sets one.
            HttpClient keeping = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create(server.url())).GET().build();
            keeping.send(get, HttpResponse.BodyHandlers.discarding());
            keeping.send(get, HttpResponse.BodyHandlers.discarding());
            assertTrue(carriesTheCookie(server.recorded().get(1)), server.recorded().get(1).headers().toString());
            int before = server.recorded().size();

            try (McpConnection connection = McpConnection.open(new McpEndpoint("cookies", URI.create(server.url()),
                    RequestHeaders.NONE), SETTINGS, null)) {
                connection.call("add", "{\"a\":1,\"b\":2}");
                connection.call("add", "{\"a\":3,\"b\":4}");
            }

            List<RecordedRequest> sent = server.recorded().subList(before, server.recorded().size());
            assertTrue(sent.size() >= 4, sent.toString());
            assertEquals(0, sent.stream().filter(McpConnectionCookiesTest::carriesTheCookie).count());
        }
    }
}
