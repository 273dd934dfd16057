package io.agenthost.responses;

import io.agenthost.json.Json;
import io.agenthost.json.JsonText;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.ToolChoice;
import io.agenthost.model.ToolSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code POST /v1/responses} body and checks every field it honours. Unknown fields are ignored; a field
 * of the wrong type or shape is a 400 naming it ({@code param}), so the client learns exactly what to fix.
 */
public final class RequestParser {

    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final InputItems items = new InputItems();
    private final ToolsParser tools;

    public RequestParser(ServerUrlPolicy urlPolicy) {
        this.tools = new ToolsParser(urlPolicy);
    }

    public CreateResponseRequest parse(byte[] body) {
        JsonObject json = readObject(body);
        JsonObject metadata = metadata(json);
        ToolsParser.Tools tools = this.tools.parse(json);
        JsonValue toolChoiceJson = present(json, "tool_choice") ? json.get("tool_choice") : Json.createValue("auto");
        ToolChoice toolChoice = toolChoice(toolChoiceJson, tools.functions());
        String previousResponseId = string(json, "previous_response_id");
        String conversation = conversation(json);
        if (previousResponseId != null && conversation != null) {
            throw ApiException.badRequest("Use either 'previous_response_id' or 'conversation', not both.",
                    "previous_response_id");
        }
        if (!present(json, "input")) {
            throw ApiException.badRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        JsonObject agentReference = agentReference(json);
        String agentSessionId = string(json, "agent_session_id");
        if (agentSessionId != null && !SESSION_ID.matcher(agentSessionId).matches()) {
            throw ApiException.badRequest("'agent_session_id' must be 1 to 128 letters, digits, '_', '-' or '.'.",
                    "agent_session_id");
        }
        return new CreateResponseRequest(
                agentReference != null ? agentReference.getString("name") : agentName(json, metadata),
                items.normalize(json.get("input")),
                string(json, "instructions"),
                tools,
                toolChoice,
                toolChoiceJson,
                bool(json, "stream", false),
                bool(json, "store", true),
                background(json),
                previousResponseId,
                conversation,
                metadata,
                maxOutputTokens(json),
                string(json, "user"),
                agentReference,
                agentSessionId,
                ModelParameters.settings(json),
                ModelParameters.maxToolCalls(json),
                ModelParameters.truncation(json));
    }

    private static boolean background(JsonObject json) {
        boolean background = bool(json, "background", false);
        if (background && !bool(json, "store", true)) {
            throw ApiException.badRequest("'background' requires 'store': a background response is read back from"
                    + " the store.", "background", "unsupported_parameter");
        }
        return background;
    }

    /** A request body as a JSON object: strict UTF-8, bounded depth; a 400 in OpenAI's shape otherwise. */
    public static JsonObject readObject(byte[] body) {
        String text;
        try {
            text = JsonText.utf8(body);
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The request body is not valid UTF-8.", null, "invalid_json");
        }
        if (JsonText.deeperThan(text, JsonText.MAX_DEPTH)) {
            throw ApiException.badRequest("The JSON body nests deeper than " + JsonText.MAX_DEPTH + " levels.", null,
                    "invalid_json");
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("The request body must be a JSON object.", null);
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badRequest("We could not parse the JSON body of your request. The body must be valid"
                    + " JSON (UTF-8) with an object at the top level.", null, "invalid_json");
        }
    }

    /**
     * The agent reference of the body: {@code agent_reference} (the hosted-agent contract's), else the older
     * {@code agent}; normalized to the type, name and version the response carries back.
     */
    private static JsonObject agentReference(JsonObject json) {
        String field = present(json, "agent_reference") ? "agent_reference" : present(json, "agent") ? "agent" : null;
        if (field == null) {
            return null;
        }
        JsonObject agent = object(json.get(field), field);
        String type = string(agent, "type", field + ".type");
        if (type != null && !type.equals("agent_reference")) {
            throw ApiException.badRequest("'" + field + ".type' must be 'agent_reference'.", field + ".type");
        }
        String name = string(agent, "name", field + ".name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("Missing required parameter: '" + field + ".name'.", field + ".name",
                    "missing_required_parameter");
        }
        JsonObjectBuilder reference = Json.createObjectBuilder().add("type", "agent_reference").add("name", name);
        String version = string(agent, "version", field + ".version");
        if (version != null) {
            reference.add("version", version);
        }
        return reference.build();
    }

    private static String agentName(JsonObject json, JsonObject metadata) {
        String model = string(json, "model");
        if (model != null && !model.isBlank()) {
            return model;
        }
        return metadata.containsKey("entity_id") ? metadata.getString("entity_id") : null;
    }

    private static ToolChoice toolChoice(JsonValue value, List<ToolSpec> functionTools) {
        if (value instanceof JsonString s) {
            return switch (s.getString()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw ApiException.badRequest("'tool_choice' must be 'auto', 'none', 'required' or a"
                        + " function.", "tool_choice");
            };
        }
        JsonObject choice = object(value, "tool_choice");
        if (!"function".equals(string(choice, "type", "tool_choice.type"))) {
            throw ApiException.badRequest("'tool_choice.type' must be 'function'.", "tool_choice.type");
        }
        String name = string(choice, "name", "tool_choice.name");
        if (name == null || functionTools.stream().noneMatch(t -> t.name().equals(name))) {
            throw ApiException.badRequest("'tool_choice.name' must name a function in 'tools'.", "tool_choice.name");
        }
        return ToolChoice.function(name);
    }

    private static String conversation(JsonObject json) {
        if (!present(json, "conversation")) {
            return null;
        }
        JsonValue value = json.get("conversation");
        String id = value instanceof JsonString s ? s.getString()
                : string(object(value, "conversation"), "id", "conversation.id");
        if (id == null || id.isBlank() || id.length() > 256) {
            throw ApiException.badRequest("'conversation' must be a non-empty id of at most 256 characters.",
                    "conversation");
        }
        return id;
    }

    /** The {@code metadata} of a body, checked as OpenAI does (16 pairs, keys of 64, values of 512 characters). */
    public static JsonObject metadata(JsonObject json) {
        if (!present(json, "metadata")) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject metadata = object(json.get("metadata"), "metadata");
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw ApiException.badRequest("'metadata' holds at most " + MAX_METADATA_PAIRS + " pairs.", "metadata");
        }
        for (var entry : metadata.entrySet()) {
            String param = "metadata." + entry.getKey();
            if (entry.getKey().length() > MAX_METADATA_KEY) {
                throw ApiException.badRequest("Metadata keys are at most " + MAX_METADATA_KEY + " characters.",
                        "metadata");
            }
            if (!(entry.getValue() instanceof JsonString s) || s.getString().length() > MAX_METADATA_VALUE) {
                throw ApiException.badRequest("Metadata values are strings of at most " + MAX_METADATA_VALUE
                        + " characters.", param);
            }
        }
        return metadata;
    }

    private static Integer maxOutputTokens(JsonObject json) {
        if (!present(json, "max_output_tokens")) {
            return null;
        }
        JsonValue value = json.get("max_output_tokens");
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.bigIntegerValue().signum() <= 0
                || n.bigIntegerValue().bitLength() > 31) {
            throw ApiException.badRequest("'max_output_tokens' must be a positive integer.", "max_output_tokens");
        }
        return n.intValue();
    }

    // --- typed access; a JSON null counts as absent ---

    static boolean present(JsonObject json, String name) {
        return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
    }

    static String string(JsonObject json, String name) {
        return string(json, name, name);
    }

    static String string(JsonObject json, String name, String param) {
        if (!present(json, name)) {
            return null;
        }
        if (json.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw ApiException.badRequest("'" + param + "' must be a string.", param, "invalid_type");
    }

    static boolean bool(JsonObject json, String name, boolean fallback) {
        return bool(json, name, name, fallback);
    }

    static boolean bool(JsonObject json, String name, String param, boolean fallback) {
        if (!present(json, name)) {
            return fallback;
        }
        JsonValue.ValueType type = json.get(name).getValueType();
        if (type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE) {
            return type == JsonValue.ValueType.TRUE;
        }
        throw ApiException.badRequest("'" + param + "' must be a boolean.", param, "invalid_type");
    }

    static JsonObject object(JsonValue value, String param) {
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        throw ApiException.badRequest("'" + param + "' must be an object.", param, "invalid_type");
    }

    static JsonArray array(JsonValue value, String param) {
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray();
        }
        throw ApiException.badRequest("'" + param + "' must be an array.", param, "invalid_type");
    }
}
