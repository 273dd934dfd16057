package io.agenthost.responses;

import io.agenthost.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A request the server refuses, with what the client needs to fix it. Rendered in the OpenAI error shape:
 * {@code {"error":{"message","type","param","code"}}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiException(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static ApiException badRequest(String message, String param) {
        return new ApiException(400, "invalid_request_error", message, param, null);
    }

    public static ApiException badRequest(String message, String param, String code) {
        return new ApiException(400, "invalid_request_error", message, param, code);
    }

    public static ApiException notFound(String message, String param, String code) {
        return new ApiException(404, "invalid_request_error", message, param, code);
    }

    public static ApiException conflict(String message, String param, String code) {
        return new ApiException(409, "invalid_request_error", message, param, code);
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        return errorBody(getMessage(), type, param, code);
    }

    /** The body of every error the server answers with. */
    public static JsonObject errorBody(String message, String type, String param, String code) {
        JsonObjectBuilder error = Json.createObjectBuilder().add("message", message).add("type", type);
        if (param == null) {
            error.addNull("param");
        } else {
            error.add("param", param);
        }
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return Json.createObjectBuilder().add("error", error).build();
    }
}
