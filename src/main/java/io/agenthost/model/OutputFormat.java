package io.agenthost.model;

import jakarta.json.JsonObject;

/**
 * The form the model's answer must take ({@code text.format}): free text, any JSON object, or JSON that a schema
 * accepts.
 *
 * @param type   {@code text}, {@code json_object} or {@code json_schema}
 * @param name   the schema's name ({@code json_schema} only)
 * @param schema the JSON Schema ({@code json_schema} only)
 * @param strict whether the schema is to be followed exactly ({@code json_schema} only); null when not said
 */
public record OutputFormat(String type, String name, JsonObject schema, Boolean strict) {

    public static final OutputFormat TEXT = new OutputFormat("text", null, null, null);
}
