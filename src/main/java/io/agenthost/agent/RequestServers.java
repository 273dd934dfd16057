package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RequestHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Connects to the MCP servers that requests bring. A server without a credential is shared across requests (same
 * URL and headers, same connection); a server with {@code authorization} gets a connection of its own for the one
 * request, closed when the run ends, so that no session opened with one caller's token serves another caller.
 */
@ApplicationScoped
public class RequestServers {

    private final McpClientSettings settings;
    private final Map<String, CompletableFuture<McpConnection>> shared = new ConcurrentHashMap<>();

    @Inject
    public RequestServers(McpClientSettings settings) {
        this.settings = settings;
    }

    /** For CDI proxies only. */
    protected RequestServers() {
        this.settings = null;
    }

    /** The connections one run opened for itself; closing it closes them. */
    public final class Lease implements AutoCloseable {
        private final List<McpConnection> own = new ArrayList<>();

        /** Connects to the server, or throws {@link McpAccessException}. */
        RequestMcpServer open(RequestMcpTool tool) {
            if (tool.authorization() == null) {
                McpConnection connection = sharedConnection(tool);
                return new RequestMcpServer(tool, connection, () -> {
                    if (shared.remove(key(tool)) != null) {
                        connection.close();
                    }
                });
            }
            Map<String, String> headers = new HashMap<>(tool.headers());
            headers.put(RequestHeaders.AUTHORIZATION, "Bearer " + tool.authorization());
            McpConnection connection = McpConnection.open(endpoint(tool, Map.copyOf(headers)), settings);
            own.add(connection);
            return new RequestMcpServer(tool, connection, () -> {
            });
        }

        @Override
        public void close() {
            own.forEach(McpConnection::close);
        }
    }

    public Lease lease() {
        return new Lease();
    }

    private McpConnection sharedConnection(RequestMcpTool tool) {
        String key = key(tool);
        CompletableFuture<McpConnection> mine = new CompletableFuture<>();
        CompletableFuture<McpConnection> existing = shared.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(McpConnection.open(endpoint(tool, tool.headers()), settings));
            } catch (RuntimeException e) {
                shared.remove(key, mine);
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new McpAccessException("MCP server " + tool.serverLabel() + " could not be opened", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpAccessException("interrupted while opening MCP server " + tool.serverLabel(), e);
        }
    }

    private static McpEndpoint endpoint(RequestMcpTool tool, Map<String, String> headers) {
        return new McpEndpoint("request server " + tool.serverLabel(), URI.create(tool.serverUrl().trim()),
                uri -> headers);
    }

    private static String key(RequestMcpTool tool) {
        return tool.serverUrl().trim() + " " + new TreeMap<>(tool.headers());
    }

    @PreDestroy
    void close() {
        shared.values().forEach(f -> f.thenAccept(McpConnection::close));
    }
}
