package io.agenthost.mcp;

import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * How the host talks to MCP servers.
 *
 * @param clientName     the MCP client name servers see in {@code initialize}
 * @param requestTimeout the longest wait for one MCP request, {@code initialize} included
 * @param httpExecutor   where the HTTP clients of all sessions run their work; null gives each client a thread pool
 *                       of its own, whose idle threads outlive the session by a minute
 * @param tls            the TLS context of the HTTP clients (the egress proxy's, see {@link EgressProxyTrust}); null
 *                       for the JDK's own
 */
public record McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, Executor httpExecutor, SSLContext tls) {

    public McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
            Duration requestTimeout, RetryPolicy retry) {
        this(clientName, clientVersion, connectTimeout, requestTimeout, retry, null, null);
    }
}
