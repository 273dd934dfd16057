package io.agenthost.agent;

import io.agenthost.model.ChatMessage;
import io.agenthost.model.ToolChoice;
import io.agenthost.model.ToolSpec;
import java.util.List;

/**
 * One run of an agent.
 *
 * @param conversation    the history followed by the new input, oldest first, without the system prompt
 * @param instructions    the request's own instructions, or null for the agent's
 * @param functionTools   the request's function tools, run by the client
 * @param maxOutputTokens the most tokens the run may produce in all, or null for no limit
 */
public record RunRequest(HostedAgent agent, List<ChatMessage> conversation, String instructions,
        List<ToolSpec> functionTools, ToolChoice toolChoice, Integer maxOutputTokens) {

    public RunRequest {
        conversation = List.copyOf(conversation);
        functionTools = List.copyOf(functionTools);
    }
}
