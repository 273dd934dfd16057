package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpServerError;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.run.McpTarget;
import io.agenthost.toolbox.AuthorizationConsent;
import io.agenthost.toolbox.ConsentLink;
import io.agenthost.toolbox.ConsentParser;
import io.agenthost.toolbox.McpToolbox;
import io.agenthost.toolbox.ToolboxForRun;
import io.agenthost.toolbox.ToolboxRef;
import io.agenthost.toolbox.ToolboxRegistry;
import io.agenthost.toolbox.ToolboxStatus;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final MarkerPolicy markers;

    /** @param executor opens the request's servers in parallel; it must carry the run scope to its threads */
    RunTools(ToolboxRegistry toolboxes, RequestServers.Lease servers, Executor executor, MarkerPolicy markers) {
        this.toolboxes = toolboxes;
        this.servers = servers;
        this.executor = executor;
        this.markers = markers;
    }

    /**
     * Lists every tool source of the run. Throws {@link ConsentRequiredException} with every consent link found
     * when any source waits for the user's consent: the run cannot go on without it.
     */
    Map<McpToolSource, List<McpTool>> list(RunRequest run, RunListener listener) {
        Map<McpToolSource, List<McpTool>> tools = new LinkedHashMap<>();
        List<ConsentLink> consent = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ToolboxForRun found : toolboxes.forRun(run.agent().toolboxes())) {
            if (found.toolbox().status() != ToolboxStatus.NoEndpoint) {
                addToolbox(found, tools, listener, consent);
            }
            listed.add(found.toolbox().name());
        }
        for (ToolboxRef marker : run.toolboxes()) {
            if (!listed.add(marker.name())) {
                continue;
            }
            if (!markers.allows(marker.name(), run.agent().toolboxes(), toolboxes.find(marker.name()).isPresent())) {
                String refusal = "Toolbox " + marker.name() + " is not one of agent " + run.agent().name()
                        + "'s toolboxes, nor allowed for markers by agent.toolbox.markers.allowed";
                if (markers.strict()) {
                    throw new RunFailedException("toolbox_not_allowed", refusal);
                }
                listener.mcpListTools(marker.name(), List.of(), refusal);
            } else {
                ToolboxForRun found = toolboxes.requested(marker);
                ToolboxStatus status = found.toolbox().status();
                if (markers.strict() && status != ToolboxStatus.Healthy && status != ToolboxStatus.ConsentRequired) {
                    throw new RunFailedException("toolbox_unavailable", unavailable(found.toolbox()));
                }
                addToolbox(found, tools, listener, consent);
            }
        }
        List<CompletableFuture<RequestMcpServer>> opening = run.mcpServers().stream()
                // The executor carries the run scope; the trace of the run goes along explicitly.
                .map(server -> CompletableFuture.supplyAsync(Context.current().wrapSupplier(() -> servers.open(server)),
                        executor)).toList();
        for (int i = 0; i < opening.size(); i++) {
            String label = run.mcpServers().get(i).serverLabel();
            try {
                RequestMcpServer source = opening.get(i).join();
                List<McpTool> offered = source.tools();
                listener.mcpListTools(label, offered, null);
                tools.put(source, offered);
            } catch (CompletionException e) {
                Optional<List<ConsentLink>> links = e.getCause() instanceof McpServerError refused
                        ? ConsentParser.parse(label, refused)
                        : AuthorizationConsent.links(McpTarget.Kind.REQUEST_SERVER, label, e.getCause());
                links.ifPresent(consent::addAll);
                listener.mcpListTools(label, List.of(), links.isPresent() ? "MCP server " + label
                        + " needs the user's consent" : failure(label, e.getCause()));
            }
        }
        if (!consent.isEmpty()) {
            throw new ConsentRequiredException(consent);
        }
        return tools;
    }

    private static String failure(String label, Throwable cause) {
        if (cause instanceof McpAccessException access) {
            return access.getMessage();
        }
        if (cause instanceof McpServerError refused) {
            return refused.getMessage() + ": " + refused.errorMessage();
        }
        return "MCP server " + label + " could not be opened";
    }

    private static void addToolbox(ToolboxForRun found, Map<McpToolSource, List<McpTool>> tools,
            RunListener listener, List<ConsentLink> consent) {
        McpToolbox toolbox = found.toolbox();
        consent.addAll(found.consent());
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
