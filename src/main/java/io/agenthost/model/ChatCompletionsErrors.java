package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;

/**
 * What of a Chat Completions error may be shown to a client: the HTTP status and the error's {@code type} and
 * {@code code}, never its {@code message}, which providers fill with details of the request (a masked key, say).
 */
final class ChatCompletionsErrors {

    private ChatCompletionsErrors() {
    }

    static String describe(int status, String body) {
        JsonObject error = null;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            if (reader.readValue() instanceof JsonObject json && json.get("error") instanceof JsonObject inner) {
                error = inner;
            }
        } catch (RuntimeException notJson) {
            // the status alone, then
        }
        return "HTTP " + status + (error == null ? "" : " (" + describe(error) + ")");
    }

    static String describe(JsonObject error) {
        String type = error.getString("type", null);
        String code = error.get("code") instanceof JsonString text ? text.getString()
                : error.get("code") instanceof JsonNumber number ? number.toString() : null;
        if (type == null || code == null) {
            return type != null ? type : code != null ? code : "error";
        }
        return type + ", " + code;
    }
}
