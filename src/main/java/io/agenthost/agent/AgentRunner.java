package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpServerError;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.model.ToolCall;
import io.agenthost.model.Usage;
import io.agenthost.toolbox.McpToolbox;
import io.agenthost.toolbox.ToolboxRegistry;
import io.agenthost.toolbox.ToolboxStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an agent: offers the model its tools, calls the model, runs the MCP tool calls it asks for and gives the
 * results back, until the model answers, calls a function tool of the client, or runs out of turns.
 */
@ApplicationScoped
public class AgentRunner {

    /** Bounds a model that keeps calling tools. */
    static final int MAX_TURNS = 16;

    private final ModelClient model;
    private final ToolboxRegistry toolboxes;

    @Inject
    public AgentRunner(ModelClient model, ToolboxRegistry toolboxes) {
        this.model = model;
        this.toolboxes = toolboxes;
    }

    /** For CDI proxies only. */
    protected AgentRunner() {
        this.model = null;
        this.toolboxes = null;
    }

    public RunOutcome run(RunRequest run, RunListener listener) {
        ToolCatalog catalog = new ToolCatalog(run.functionTools(), listTools(run, listener));
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(run.instructions() != null ? run.instructions() : run.agent().instructions()));
        messages.addAll(run.conversation());

        Usage usage = Usage.ZERO;
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            Integer remaining = run.maxOutputTokens() == null ? null
                    : (int) Math.max(0, run.maxOutputTokens() - usage.outputTokens());
            if (remaining != null && remaining == 0) {
                return new RunOutcome("max_output_tokens", usage);
            }
            StringBuilder text = new StringBuilder();
            ModelReply reply = model.complete(
                    new ModelRequest(run.agent().model(), messages, catalog.specs(), run.toolChoice(), remaining),
                    delta -> {
                        text.append(delta);
                        listener.textDelta(delta);
                    });
            usage = usage.plus(reply.usage());
            if (text.length() > 0) {
                listener.textDone(text.toString());
            }
            if (reply.finishReason() == ModelReply.FinishReason.LENGTH) {
                return new RunOutcome("max_output_tokens", usage);
            }
            if (reply.finishReason() == ModelReply.FinishReason.CONTENT_FILTER) {
                return new RunOutcome("content_filter", usage);
            }
            if (reply.toolCalls().isEmpty()) {
                return new RunOutcome(null, usage);
            }
            boolean clientMustAnswer = false;
            List<ChatMessage> results = new ArrayList<>();
            for (ToolCall call : reply.toolCalls()) {
                ToolCatalog.Target target = catalog.find(call.name());
                if (target != null && target.isFunction()) {
                    listener.functionCall(call);
                    clientMustAnswer = true;
                } else {
                    results.add(new ChatMessage.ToolResult(call.callId(), target == null ? call.name() : target.tool(),
                            target == null ? "There is no tool named " + call.name() + "." : callMcp(target, call, listener)));
                }
            }
            if (clientMustAnswer) {
                return new RunOutcome(null, usage);
            }
            messages.add(new ChatMessage.Assistant(text.toString(), reply.toolCalls()));
            messages.addAll(results);
        }
        return new RunOutcome("max_tool_calls", usage);
    }

    /** Lists the tools of every MCP server the run may use, reporting each list, or why there is none. */
    private Map<McpToolSource, List<McpTool>> listTools(RunRequest run, RunListener listener) {
        Map<McpToolSource, List<McpTool>> tools = new LinkedHashMap<>();
        for (McpToolbox toolbox : toolboxes.forRun(run.agent().toolboxes())) {
            if (toolbox.status() == ToolboxStatus.NoEndpoint) {
                continue;
            }
            if (toolbox.status() != ToolboxStatus.Healthy) {
                listener.mcpListTools(toolbox.label(), List.of(), "Toolbox " + toolbox.name() + " is "
                        + toolbox.status() + (toolbox.reason() == null ? "" : ": " + toolbox.reason()));
                continue;
            }
            List<McpTool> listed = toolbox.tools();
            listener.mcpListTools(toolbox.label(), listed, null);
            tools.put(toolbox, listed);
        }
        return tools;
    }

    /** Runs one MCP call; whatever goes wrong becomes the output the model reads, never a failed run. */
    private static String callMcp(ToolCatalog.Target target, ToolCall call, RunListener listener) {
        String itemId = listener.mcpCallStarted(target.source().label(), target.tool(), call.arguments());
        McpCallFailure failure;
        try {
            McpCallResult result = target.source().call(target.tool(), call.arguments());
            if (!result.isError()) {
                listener.mcpCallFinished(itemId, result.output(), null);
                return result.output();
            }
            failure = new McpCallFailure(McpCallFailure.Kind.TOOL_EXECUTION, 0, result.output());
        } catch (McpServerError e) {
            failure = new McpCallFailure(McpCallFailure.Kind.PROTOCOL, e.code(), e.errorMessage());
        } catch (McpAccessException e) {
            failure = new McpCallFailure(McpCallFailure.Kind.HTTP, e.httpStatus(), e.getMessage());
        } catch (IllegalArgumentException e) {
            failure = new McpCallFailure(McpCallFailure.Kind.PROTOCOL, -32602, e.getMessage());
        }
        listener.mcpCallFinished(itemId, null, failure);
        return failure.forModel();
    }
}
