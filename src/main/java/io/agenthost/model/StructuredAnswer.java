package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The offline model's answer in the form a client asked for: its text as is; any JSON object holding it; or JSON that
 * the client's schema accepts, built from the schema (the text in its string fields). A schema it cannot satisfy this
 * way ({@code $ref}, {@code allOf}, {@code not}, patterns...) gets a plain answer that says so.
 */
final class StructuredAnswer {

    private static final int DEEPEST = 32;

    private StructuredAnswer() {
    }

    static String of(OutputFormat format, String text) {
        return switch (format.type()) {
            case "json_object" -> Json.createObjectBuilder().add("text", text).build().toString();
            case "json_schema" -> instance(format.schema(), text, 0).map(JsonValue::toString)
                    .orElse("I cannot answer in the form of the schema " + format.name() + ".");
            default -> text;
        };
    }

    /** A value the schema accepts, or none when it uses what this does not build. */
    static Optional<JsonValue> instance(JsonObject schema, String text, int depth) {
        if (depth > DEEPEST || schema.containsKey("$ref") || schema.containsKey("allOf") || schema.containsKey("not")
                || schema.containsKey("pattern") || schema.containsKey("format")) {
            return Optional.empty();
        }
        if (schema.containsKey("const")) {
            return Optional.of(schema.get("const"));
        }
        if (schema.get("enum") instanceof JsonArray values && !values.isEmpty()) {
            return Optional.of(values.get(0));
        }
        for (String alternatives : new String[] {"anyOf", "oneOf"}) {
            if (schema.get(alternatives) instanceof JsonArray options && !options.isEmpty()
                    && options.get(0) instanceof JsonObject first) {
                return instance(first, text, depth + 1);
            }
        }
        String type = type(schema.get("type"));
        return switch (type) {
            case "object" -> object(schema, text, depth);
            case "array" -> array(schema, text, depth);
            case "string" -> schema.containsKey("minLength") || schema.containsKey("maxLength") ? Optional.empty()
                    : Optional.of(Json.createValue(text));
            case "integer", "number" -> Optional.of(number(schema));
            case "boolean" -> Optional.of(JsonValue.FALSE);
            case "null" -> Optional.of(JsonValue.NULL);
            default -> Optional.empty();
        };
    }

    /** The first type of a list of types that is not {@code null}, or the one type. */
    private static String type(JsonValue type) {
        if (type instanceof JsonString one) {
            return one.getString();
        }
        if (type instanceof JsonArray many) {
            for (JsonValue each : many) {
                if (each instanceof JsonString name && !name.getString().equals("null")) {
                    return name.getString();
                }
            }
            return "null";
        }
        return "";
    }

    private static Optional<JsonValue> object(JsonObject schema, String text, int depth) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        JsonObject properties = schema.getJsonObject("properties");
        if (properties != null) {
            for (String name : properties.keySet()) {
                if (!(properties.get(name) instanceof JsonObject property)) {
                    return Optional.empty();
                }
                Optional<JsonValue> value = instance(property, text, depth + 1);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                object.add(name, value.get());
            }
        }
        if (schema.get("required") instanceof JsonArray required) {
            for (JsonValue name : required) {
                if (properties == null || !(name instanceof JsonString key) || !properties.containsKey(key.getString())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(object.build());
    }

    private static Optional<JsonValue> array(JsonObject schema, String text, int depth) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        int least = schema.containsKey("minItems") ? schema.getInt("minItems") : 0;
        if (least > 0) {
            if (!(schema.get("items") instanceof JsonObject items)) {
                return Optional.empty();
            }
            Optional<JsonValue> item = instance(items, text, depth + 1);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            for (int i = 0; i < least; i++) {
                array.add(item.get());
            }
        }
        return Optional.of(array.build());
    }

    private static JsonValue number(JsonObject schema) {
        if (schema.get("minimum") instanceof JsonNumber minimum) {
            return minimum;
        }
        if (schema.get("maximum") instanceof JsonNumber maximum && maximum.doubleValue() < 0) {
            return maximum;
        }
        return Json.createValue(0);
    }
}
