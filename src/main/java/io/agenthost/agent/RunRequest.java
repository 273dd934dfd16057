package io.agenthost.agent;

import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelSettings;
import io.agenthost.model.ToolChoice;
import io.agenthost.model.ToolSpec;
import io.agenthost.run.RunScopeSource;
import io.agenthost.toolbox.ToolboxRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of an agent.
 *
 * @param conversation    the history followed by the new input, oldest first, without the system prompt
 * @param instructions    the request's own instructions, or null for the agent's
 * @param functionTools   the request's function tools, run by the client
 * @param mcpServers      the MCP servers the request brings
 * @param toolboxes       the host toolboxes the request selects with markers
 * @param approvals       the client's answers to earlier approval requests, to act on before the model runs
 * @param maxOutputTokens the most tokens the run may produce in all, or null for no limit
 * @param consentWait     how long the run waits for a user's consent before it ends asking for it; zero: not at all
 * @param settings        how the client asked the model to answer
 * @param maxToolCalls    the most MCP tool calls the run may make, or null for no limit
 */
public record RunRequest(HostedAgent agent, List<ChatMessage> conversation, String instructions,
        List<ToolSpec> functionTools, List<RequestMcpTool> mcpServers, List<ToolboxRef> toolboxes,
        List<ApprovalDecision> approvals, ToolChoice toolChoice, Integer maxOutputTokens, Duration consentWait,
        ModelSettings settings, Integer maxToolCalls)
        implements RunScopeSource {

    public RunRequest {
        conversation = List.copyOf(conversation);
        functionTools = List.copyOf(functionTools);
        mcpServers = List.copyOf(mcpServers);
        toolboxes = List.copyOf(toolboxes);
        approvals = List.copyOf(approvals);
    }

    @Override
    public String agentName() {
        return agent.name();
    }

    @Override
    public Map<String, String> requestTokens() {
        Map<String, String> tokens = new HashMap<>();
        mcpServers.stream().filter(s -> s.authorization() != null)
                .forEach(s -> tokens.put(s.serverLabel(), s.authorization()));
        return tokens;
    }

    /** Without the request's tokens. */
    @Override
    public String toString() {
        return "RunRequest[agent " + agent.name() + ", " + conversation.size() + " messages, servers " + mcpServers + "]";
    }
}
