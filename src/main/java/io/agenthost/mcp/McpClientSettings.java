package io.agenthost.mcp;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How the host talks to MCP servers.
 *
 * @param clientName     the MCP client name servers see in {@code initialize}
 * @param requestTimeout the longest wait for one MCP request, {@code initialize} included
 * @param http           the HTTP client every connection made with these settings shares: a JDK client owns a
 *                       selector thread and a connection pool, too much to create per MCP session
 */
public record McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, HttpClient http) {

    public McpClientSettings(String clientName, String clientVersion, Duration connectTimeout, Duration requestTimeout,
            RetryPolicy retry) {
        this(clientName, clientVersion, connectTimeout, requestTimeout, retry, HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }
}
