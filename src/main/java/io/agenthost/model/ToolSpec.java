package io.agenthost.model;

import jakarta.json.JsonObject;

/** A tool offered to the model: its name, what it does and the JSON schema of its arguments. */
public record ToolSpec(String name, String description, JsonObject parameters) {
}
