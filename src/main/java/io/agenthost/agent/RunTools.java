package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.toolbox.McpToolbox;
import io.agenthost.toolbox.ToolboxRef;
import io.agenthost.toolbox.ToolboxRegistry;
import io.agenthost.toolbox.ToolboxStatus;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Gathers the MCP tools of one run, reporting each server's list (or why there is none): the agent's host
 * toolboxes, the toolboxes the request selects with markers, and the MCP servers the request brings.
 */
final class RunTools {

    private final ToolboxRegistry toolboxes;
    private final RequestServers.Lease servers;
    private final Executor executor;
    private final boolean strict;

    /** @param executor opens the request's servers in parallel; it must carry the run scope to its threads */
    RunTools(ToolboxRegistry toolboxes, RequestServers.Lease servers, Executor executor, boolean strict) {
        this.toolboxes = toolboxes;
        this.servers = servers;
        this.executor = executor;
        this.strict = strict;
    }

    Map<McpToolSource, List<McpTool>> list(RunRequest run, RunListener listener) {
        Map<McpToolSource, List<McpTool>> tools = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        for (McpToolbox toolbox : toolboxes.forRun(run.agent().toolboxes())) {
            if (toolbox.status() != ToolboxStatus.NoEndpoint) {
                addToolbox(toolbox, tools, listener);
            }
            listed.add(toolbox.name());
        }
        for (ToolboxRef marker : run.toolboxes()) {
            if (listed.add(marker.name())) {
                McpToolbox toolbox = toolboxes.requested(marker);
                if (strict && toolbox.status() != ToolboxStatus.Healthy) {
                    throw new RunFailedException("toolbox_unavailable", unavailable(toolbox));
                }
                addToolbox(toolbox, tools, listener);
            }
        }
        List<CompletableFuture<RequestMcpServer>> opening = run.mcpServers().stream()
                .map(server -> CompletableFuture.supplyAsync(() -> servers.open(server), executor)).toList();
        for (int i = 0; i < opening.size(); i++) {
            String label = run.mcpServers().get(i).serverLabel();
            try {
                RequestMcpServer source = opening.get(i).join();
                List<McpTool> offered = source.tools();
                listener.mcpListTools(label, offered, null);
                tools.put(source, offered);
            } catch (CompletionException e) {
                listener.mcpListTools(label, List.of(), e.getCause() instanceof McpAccessException access
                        ? access.getMessage() : "MCP server " + label + " could not be opened");
            }
        }
        return tools;
    }

    private static void addToolbox(McpToolbox toolbox, Map<McpToolSource, List<McpTool>> tools, RunListener listener) {
        if (toolbox.status() != ToolboxStatus.Healthy) {
            listener.mcpListTools(toolbox.label(), List.of(), unavailable(toolbox));
            return;
        }
        List<McpTool> offered = toolbox.tools();
        listener.mcpListTools(toolbox.label(), offered, null);
        tools.put(toolbox, offered);
    }

    private static String unavailable(McpToolbox toolbox) {
        return "Toolbox " + toolbox.name() + " is " + toolbox.status()
                + (toolbox.reason() == null ? "" : ": " + toolbox.reason());
    }
}
