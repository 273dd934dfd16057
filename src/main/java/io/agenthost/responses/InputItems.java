package io.agenthost.responses;

import io.agenthost.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the {@code input} of a request and brings it to one form: every item an object with a {@code type} and
 * an {@code id}, message content as a list of parts. The stored input items and the model's history both read
 * that form.
 */
public final class InputItems {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");
    private static final Set<String> TEXT_PARTS = Set.of("input_text", "output_text", "text", "refusal");
    private static final Set<String> OTHER_PARTS = Set.of("input_image", "input_file", "input_audio");

    List<JsonObject> normalize(JsonValue input) {
        return normalize(input, "input");
    }

    /**
     * The items of a field, each with an id (a new one where the client gave none), in the shapes responses store.
     *
     * @param param the field's name, which errors name
     */
    public List<JsonObject> normalize(JsonValue input, String param) {
        if (input instanceof JsonString text) {
            return List.of(message("user", Json.createArrayBuilder().add(textPart("input_text", text.getString()))
                    .build(), null));
        }
        if (input.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("'" + param + "' must be a string or an array of items.", param,
                    "invalid_type");
        }
        JsonArray array = input.asJsonArray();
        List<JsonObject> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(item(RequestParser.object(array.get(i), param + "[" + i + "]"), param + "[" + i + "]"));
        }
        return items;
    }

    private JsonObject item(JsonObject item, String param) {
        String type = RequestParser.string(item, "type", param + ".type");
        if (type == null && item.containsKey("role")) {
            type = "message";
        }
        if (type == null) {
            throw ApiException.badRequest("Missing required parameter: '" + param + ".type'.", param + ".type",
                    "missing_required_parameter");
        }
        return switch (type) {
            case "message" -> message(item, param);
            case "function_call" -> functionCall(item, param);
            case "function_call_output" -> functionCallOutput(item, param);
            case "mcp_approval_response" -> approvalResponse(item, param);
            default -> throw ApiException.badRequest("Unsupported input item type '" + type + "'; supported:"
                    + " 'message', 'function_call', 'function_call_output', 'mcp_approval_response'.",
                    param + ".type", "unsupported_input_type");
        };
    }

    private JsonObject message(JsonObject item, String param) {
        String role = RequestParser.string(item, "role", param + ".role");
        if (role == null || !ROLES.contains(role)) {
            throw ApiException.badRequest("'" + param + ".role' must be one of 'user', 'assistant', 'system',"
                    + " 'developer'.", param + ".role");
        }
        if (!RequestParser.present(item, "content")) {
            throw ApiException.badRequest("Missing required parameter: '" + param + ".content'.", param + ".content",
                    "missing_required_parameter");
        }
        JsonValue content = item.get("content");
        String textType = role.equals("assistant") ? "output_text" : "input_text";
        JsonArray parts;
        if (content instanceof JsonString text) {
            parts = Json.createArrayBuilder().add(textPart(textType, text.getString())).build();
        } else {
            JsonArray given = RequestParser.array(content, param + ".content");
            JsonArrayBuilder checked = Json.createArrayBuilder();
            for (int i = 0; i < given.size(); i++) {
                checked.add(part(RequestParser.object(given.get(i), param + ".content[" + i + "]"),
                        param + ".content[" + i + "]"));
            }
            parts = checked.build();
        }
        return message(role, parts, RequestParser.string(item, "id", param + ".id"));
    }

    private static JsonObject part(JsonObject part, String param) {
        String type = RequestParser.string(part, "type", param + ".type");
        if (type != null && TEXT_PARTS.contains(type)) {
            String field = type.equals("refusal") ? "refusal" : "text";
            if (RequestParser.string(part, field, param + "." + field) == null) {
                throw ApiException.badRequest("Missing required parameter: '" + param + "." + field + "'.",
                        param + "." + field, "missing_required_parameter");
            }
            return part;
        }
        if (type != null && OTHER_PARTS.contains(type)) {
            return part;
        }
        throw ApiException.badRequest("Unsupported content part type '" + type + "'.", param + ".type");
    }

    private static JsonObject functionCall(JsonObject item, String param) {
        String callId = required(item, "call_id", param);
        String name = required(item, "name", param);
        String arguments = required(item, "arguments", param);
        return Json.createObjectBuilder()
                .add("type", "function_call")
                .add("id", idOr(item, param, "fc"))
                .add("call_id", callId)
                .add("name", name)
                .add("arguments", arguments)
                .add("status", "completed")
                .build();
    }

    private static JsonObject functionCallOutput(JsonObject item, String param) {
        String callId = required(item, "call_id", param);
        if (!RequestParser.present(item, "output")) {
            throw ApiException.badRequest("Missing required parameter: '" + param + ".output'.", param + ".output",
                    "missing_required_parameter");
        }
        JsonValue output = item.get("output");
        if (!(output instanceof JsonString)) {
            RequestParser.array(output, param + ".output");
        }
        return Json.createObjectBuilder()
                .add("type", "function_call_output")
                .add("id", idOr(item, param, "fco"))
                .add("call_id", callId)
                .add("output", output)
                .build();
    }

    private static JsonObject approvalResponse(JsonObject item, String param) {
        String requestId = required(item, "approval_request_id", param);
        if (!RequestParser.present(item, "approve")) {
            throw ApiException.badRequest("Missing required parameter: '" + param + ".approve'.", param + ".approve",
                    "missing_required_parameter");
        }
        boolean approve = RequestParser.bool(item, "approve", param + ".approve", false);
        JsonObjectBuilder normalized = Json.createObjectBuilder()
                .add("type", "mcp_approval_response")
                .add("id", idOr(item, param, "mcpr"))
                .add("approval_request_id", requestId)
                .add("approve", approve);
        String reason = RequestParser.string(item, "reason", param + ".reason");
        if (reason != null) {
            normalized.add("reason", reason);
        }
        return normalized.build();
    }

    private static JsonObject message(String role, JsonArray content, String id) {
        return Json.createObjectBuilder()
                .add("type", "message")
                .add("id", id != null ? id : Ids.next("msg"))
                .add("role", role)
                .add("content", content)
                .build();
    }

    private static JsonObject textPart(String type, String text) {
        return Json.createObjectBuilder().add("type", type).add("text", text).build();
    }

    private static String required(JsonObject item, String field, String param) {
        String value = RequestParser.string(item, field, param + "." + field);
        if (value == null) {
            throw ApiException.badRequest("Missing required parameter: '" + param + "." + field + "'.",
                    param + "." + field, "missing_required_parameter");
        }
        return value;
    }

    private static String idOr(JsonObject item, String param, String prefix) {
        String id = RequestParser.string(item, "id", param + ".id");
        return id != null ? id : Ids.next(prefix);
    }
}
