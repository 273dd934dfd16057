package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunTokens;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Connects to the MCP servers that requests bring. A server without a credential is shared across requests (same
 * label, URL and headers, same connection). A server with {@code authorization} gets a connection of its own for the
 * one run, closed when the run ends, so that no MCP session opened for one caller serves another. Either way the
 * credential is not part of the connection: each request on it takes the token from the run scope of the run that
 * sends it.
 */
@ApplicationScoped
public class RequestServers {

    private final McpClientSettings settings;
    private final RunTokens tokens;
    private final Map<String, CompletableFuture<McpConnection>> connections = new ConcurrentHashMap<>();

    @Inject
    public RequestServers(McpClientSettings settings, RunTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /** For CDI proxies only. */
    protected RequestServers() {
        this(null, null);
    }

    /** The connections one run opened for itself; closing it closes them. */
    public final class Lease implements AutoCloseable {
        private final List<McpConnection> own = Collections.synchronizedList(new ArrayList<>());

        /** Connects to the server, or throws {@link McpAccessException}. */
        RequestMcpServer open(RequestMcpTool tool) {
            if (tool.authorization() == null) {
                return shared(tool);
            }
            McpConnection connection = McpConnection.open(endpoint(tool), settings);
            own.add(connection);
            return new RequestMcpServer(tool, connection, () -> {
            });
        }

        @Override
        public void close() {
            synchronized (own) {
                own.forEach(McpConnection::close);
            }
        }
    }

    public Lease lease() {
        return new Lease();
    }

    private RequestMcpServer shared(RequestMcpTool tool) {
        String key = key(tool);
        CompletableFuture<McpConnection> mine = new CompletableFuture<>();
        CompletableFuture<McpConnection> existing = connections.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(McpConnection.open(endpoint(tool), settings));
            } catch (RuntimeException e) {
                connections.remove(key, mine);
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        McpConnection connection = await(existing, tool);
        CompletableFuture<McpConnection> opened = existing;
        return new RequestMcpServer(tool, connection, () -> {
            if (connections.remove(key, opened)) {
                connection.close();
            }
        });
    }

    private McpEndpoint endpoint(RequestMcpTool tool) {
        Map<String, String> fixed = Map.copyOf(tool.headers());
        RequestHeaders headers = (request, run) -> {
            if (run == null) {
                return fixed;
            }
            return tokens.token(run, new McpTarget(McpTarget.Kind.REQUEST_SERVER, tool.serverLabel(), request.uri()))
                    .map(token -> {
                        Map<String, String> all = new HashMap<>(fixed);
                        RequestHeaders.credential(all, token, request);
                        return Map.copyOf(all);
                    })
                    .orElse(fixed);
        };
        return new McpEndpoint("request server " + tool.serverLabel(), URI.create(tool.serverUrl().trim()), headers);
    }

    private static McpConnection await(CompletableFuture<McpConnection> opening, RequestMcpTool tool) {
        try {
            return opening.get();
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

    private static String key(RequestMcpTool tool) {
        return tool.serverLabel() + " " + tool.serverUrl().trim() + " " + new TreeMap<>(tool.headers());
    }

    @PreDestroy
    void close() {
        connections.values().forEach(f -> f.thenAccept(McpConnection::close));
    }
}
