package io.agenthost.responses;

import io.agenthost.agent.McpCallFailure;
import io.agenthost.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The {@code error} of an {@code mcp_call} item, in the shapes of the Responses API. */
final class McpErrors {

    private McpErrors() {
    }

    static JsonObject toJson(McpCallFailure failure) {
        return switch (failure.kind()) {
            case TOOL_EXECUTION -> Json.createObjectBuilder()
                    .add("type", "mcp_tool_execution_error")
                    .add("content", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("type", "text").add("text", failure.message())))
                    .build();
            case PROTOCOL -> Json.createObjectBuilder()
                    .add("type", "mcp_protocol_error").add("code", failure.code()).add("message", failure.message())
                    .build();
            case HTTP -> Json.createObjectBuilder()
                    .add("type", "http_error").add("code", failure.code()).add("message", failure.message())
                    .build();
        };
    }

    /** The failure a stored {@code error} describes, so the model reads it as it did when the call failed. */
    static McpCallFailure fromJson(JsonValue error) {
        if (!(error instanceof JsonObject object)) {
            String text = error instanceof JsonString s ? s.getString() : "";
            return new McpCallFailure(McpCallFailure.Kind.TOOL_EXECUTION, 0, text);
        }
        String message = object.get("message") instanceof JsonString s ? s.getString() : "";
        int code = object.get("code") instanceof JsonNumber n ? n.intValue() : 0;
        return switch (object.getString("type", "")) {
            case "mcp_protocol_error" -> new McpCallFailure(McpCallFailure.Kind.PROTOCOL, code, message);
            case "http_error" -> new McpCallFailure(McpCallFailure.Kind.HTTP, code, message);
            default -> new McpCallFailure(McpCallFailure.Kind.TOOL_EXECUTION, 0,
                    object.get("content") instanceof JsonArray content ? History.text(content) : message);
        };
    }
}
