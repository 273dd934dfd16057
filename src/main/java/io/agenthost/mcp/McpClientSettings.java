package io.agenthost.mcp;

import java.time.Duration;

/**
 * How the host talks to MCP servers.
 *
 * @param clientName     the MCP client name servers see in {@code initialize}
 * @param requestTimeout the longest wait for one MCP request, {@code initialize} included
 */
public record McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry) {
}
