package io.agenthost.mcp;

import io.agenthost.json.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/** Tools as the SDK's clients of either revision list them, made {@link McpTool}s; and call arguments parsed. */
final class ToolDescriptions {

    private ToolDescriptions() {
    }

    static McpTool of(String name, String description, Object inputSchema, Object annotations) {
        return new McpTool(name, description == null ? "" : description, toJson(inputSchema), toJson(annotations));
    }

    static Map<String, Object> arguments(String arguments) {
        try {
            return McpJsonDefaults.getMapper().readValue(arguments == null || arguments.isBlank() ? "{}" : arguments,
                    new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() {
                    });
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the arguments are not a JSON object", e);
        }
    }

    private static JsonObject toJson(Object value) {
        if (value == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                McpJsonDefaults.getMapper().writeValueAsString(value)))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a tool description", e);
        }
    }
}
