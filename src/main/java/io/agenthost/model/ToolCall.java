package io.agenthost.model;

/** A model's request to call a tool; {@code arguments} is a JSON object as text. */
public record ToolCall(String callId, String name, String arguments) {
}
