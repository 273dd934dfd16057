package io.agenthost.mcp;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How the host talks to MCP servers.
 *
 * @param clientName     the MCP client name servers see in {@code initialize}
 * @param requestTimeout the longest wait for one MCP request, {@code initialize} included
 * @param httpExecutor   where the HTTP clients of all sessions run their work; null gives each client a thread pool
 *                       of its own, whose idle threads outlive the session by a minute
 * @param trust          the TLS contexts of the HTTP clients, for requests without and with a credential (the
 *                       egress proxy's CA, revocation checks: see {@link ServerTrust}); null for the JDK's own
 * @param telemetry      observes each MCP request
 * @param revisions      which revision of MCP each server answered in, shared by every connection made with these
 */
public record McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry, Executor httpExecutor, ServerTrust trust,
        McpTelemetry telemetry, ProtocolRevisions revisions) {

    public McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
            Duration requestTimeout, RetryPolicy retry, Executor httpExecutor, ServerTrust trust,
            McpTelemetry telemetry) {
        this(clientName, clientVersion, connectTimeout, requestTimeout, retry, httpExecutor, trust, telemetry,
                new ProtocolRevisions());
    }

    public McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
            Duration requestTimeout, RetryPolicy retry) {
        this(clientName, clientVersion, connectTimeout, requestTimeout, retry, null, null, McpTelemetry.NONE);
    }

    public McpClientSettings(String clientName, String clientVersion, Duration connectTimeout,
            Duration requestTimeout, RetryPolicy retry, Executor httpExecutor, ServerTrust trust) {
        this(clientName, clientVersion, connectTimeout, requestTimeout, retry, httpExecutor, trust, McpTelemetry.NONE);
    }
}
