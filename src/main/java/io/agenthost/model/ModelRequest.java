package io.agenthost.model;

import java.util.List;

/**
 * One call to a model.
 *
 * @param model           the provider's model name (ignored by the offline echo model)
 * @param maxOutputTokens the most tokens the model may produce, or null for no limit
 */
public record ModelRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, ToolChoice toolChoice,
        Integer maxOutputTokens) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
