package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * What of a Chat Completions error may be shown to a client: the HTTP status and the error's {@code type} and
 * {@code code}, never its {@code message}, which providers fill with details of the request (a masked key, say).
 */
final class ChatCompletionsErrors {

    private ChatCompletionsErrors() {
    }

    static String describe(int status, String body) {
        JsonObject error = Json.objectIn(body)
                .map(json -> json.get("error") instanceof JsonObject inner ? inner : null).orElse(null);
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
