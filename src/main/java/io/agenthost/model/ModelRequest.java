package io.agenthost.model;

import java.util.List;

/**
 * One call to a model.
 *
 * @param model           the provider's model name (ignored by the offline echo model)
 * @param maxOutputTokens the most tokens the model may produce, or null for no limit
 * @param settings        how the client asked the model to answer
 */
public record ModelRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, ToolChoice toolChoice,
        Integer maxOutputTokens, ModelSettings settings) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        settings = settings == null ? ModelSettings.DEFAULTS : settings;
    }

    /** With the model's defaults. */
    public ModelRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, ToolChoice toolChoice,
            Integer maxOutputTokens) {
        this(model, messages, tools, toolChoice, maxOutputTokens, ModelSettings.DEFAULTS);
    }
}
