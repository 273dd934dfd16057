package io.agenthost.responses;

import io.agenthost.json.Json;
import io.agenthost.model.ModelSettings;
import io.agenthost.model.OutputFormat;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a create request that say how the model is to answer, checked with OpenAI's ranges: a value out of
 * range, or of the wrong type, is a 400 naming the field.
 */
final class ModelParameters {

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_SAFETY_IDENTIFIER = 64;
    private static final int MAX_PROMPT_CACHE_KEY = 1024;

    private ModelParameters() {
    }

    static ModelSettings settings(JsonObject json) {
        Boolean parallel = RequestParser.present(json, "parallel_tool_calls")
                ? RequestParser.bool(json, "parallel_tool_calls", true) : null;
        return new ModelSettings(number(json, "temperature", 2), number(json, "top_p", 1), format(json), parallel,
                effort(json), limited(json, "prompt_cache_key", MAX_PROMPT_CACHE_KEY),
                limited(json, "safety_identifier", MAX_SAFETY_IDENTIFIER));
    }

    /** {@code max_tool_calls}: a whole number from 0, or null. */
    static Integer maxToolCalls(JsonObject json) {
        if (!RequestParser.present(json, "max_tool_calls")) {
            return null;
        }
        if (!(json.get("max_tool_calls") instanceof JsonNumber number) || !number.isIntegral()
                || number.longValue() < 0 || number.longValue() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("'max_tool_calls' must be a whole number from 0.", "max_tool_calls",
                    "invalid_value");
        }
        return number.intValue();
    }

    /** {@code truncation}: {@code disabled} (the default) or {@code auto}. */
    static String truncation(JsonObject json) {
        String truncation = RequestParser.string(json, "truncation");
        if (truncation == null) {
            return "disabled";
        }
        if (!truncation.equals("disabled") && !truncation.equals("auto")) {
            throw ApiException.badRequest("'truncation' must be 'auto' or 'disabled'.", "truncation", "invalid_value");
        }
        return truncation;
    }

    private static Double number(JsonObject json, String name, double most) {
        if (!RequestParser.present(json, name)) {
            return null;
        }
        if (!(json.get(name) instanceof JsonNumber number) || number.doubleValue() < 0 || number.doubleValue() > most) {
            throw ApiException.badRequest("'" + name + "' must be a number from 0 to " + (int) most + ".", name,
                    "invalid_value");
        }
        return number.doubleValue();
    }

    private static String limited(JsonObject json, String name, int longest) {
        String value = RequestParser.string(json, name);
        if (value != null && (value.isEmpty() || value.length() > longest)) {
            throw ApiException.badRequest("'" + name + "' must be 1 to " + longest + " characters.", name,
                    "invalid_value");
        }
        return value;
    }

    private static String effort(JsonObject json) {
        if (!RequestParser.present(json, "reasoning")) {
            return null;
        }
        JsonObject reasoning = RequestParser.object(json.get("reasoning"), "reasoning");
        String effort = RequestParser.string(reasoning, "effort", "reasoning.effort");
        if (effort != null && !EFFORTS.contains(effort)) {
            throw ApiException.badRequest("'reasoning.effort' must be one of " + EFFORTS + ".", "reasoning.effort",
                    "invalid_value");
        }
        return effort;
    }

    private static OutputFormat format(JsonObject json) {
        if (!RequestParser.present(json, "text")) {
            return OutputFormat.TEXT;
        }
        JsonObject text = RequestParser.object(json.get("text"), "text");
        if (!RequestParser.present(text, "format")) {
            return OutputFormat.TEXT;
        }
        JsonObject format = RequestParser.object(text.get("format"), "text.format");
        String type = RequestParser.string(format, "type", "text.format.type");
        if (type == null || !FORMATS.contains(type)) {
            throw ApiException.badRequest("'text.format.type' must be one of " + FORMATS + ".", "text.format.type",
                    "invalid_value");
        }
        if (!type.equals("json_schema")) {
            return new OutputFormat(type, null, null, null);
        }
        String name = RequestParser.string(format, "name", "text.format.name");
        if (name == null || !SCHEMA_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("'text.format.name' must be 1 to 64 letters, digits, '_' or '-'.",
                    "text.format.name", "invalid_value");
        }
        if (!(format.get("schema") instanceof JsonObject schema)) {
            throw ApiException.badRequest("'text.format.schema' must be a JSON Schema object.", "text.format.schema",
                    "invalid_value");
        }
        Boolean strict = RequestParser.present(format, "strict")
                ? RequestParser.bool(format, "strict", "text.format.strict", false) : null;
        return new OutputFormat(type, name, schema, strict);
    }

    /** The {@code text} of the response object: the format as it was used. */
    static JsonValue echo(OutputFormat format) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", format.type());
        if (format.type().equals("json_schema")) {
            json.add("name", format.name()).add("schema", format.schema());
            if (format.strict() != null) {
                json.add("strict", format.strict());
            }
        }
        return Json.createObjectBuilder().add("format", json).build();
    }
}
