package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import java.util.List;

/** A request's MCP server for the length of one run: its connection, its tool filter and its approval policy. */
final class RequestMcpServer implements McpToolSource {

    private final RequestMcpTool tool;
    private final McpConnection connection;
    private final Runnable onBroken;

    /** @param onBroken runs when the connection fails, so that it is not used again */
    RequestMcpServer(RequestMcpTool tool, McpConnection connection, Runnable onBroken) {
        this.tool = tool;
        this.connection = connection;
        this.onBroken = onBroken;
    }

    @Override
    public String label() {
        return tool.serverLabel();
    }

    @Override
    public List<McpTool> tools() {
        List<McpTool> all = connection.tools();
        return tool.allowedTools() == null ? all
                : all.stream().filter(t -> tool.allowedTools().contains(t.name())).toList();
    }

    @Override
    public McpCallResult call(String name, String arguments) {
        if (tools().stream().noneMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("tool " + name + " is not allowed on " + label());
        }
        try {
            return connection.call(name, arguments);
        } catch (McpAccessException e) {
            onBroken.run();
            throw e;
        }
    }

    @Override
    public boolean requiresApproval(String name) {
        return tool.approval().requiresApproval(name);
    }
}
