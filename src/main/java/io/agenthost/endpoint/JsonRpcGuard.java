package io.agenthost.endpoint;

import io.agenthost.responses.JsonDepth;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * What {@code /mcp} takes and what it answers with when it refuses: a POST must be one JSON-RPC 2.0 message (an
 * object with {@code "jsonrpc": "2.0"}, a string or number {@code id} if any, a string {@code method}, an object
 * {@code params} if any), else it is a 400 with a JSON-RPC error before the MCP SDK sees it; and every error the SDK
 * answers with (it would otherwise serialize its Java exception, stack trace included) becomes a JSON-RPC error object
 * that carries the SDK's code and message only.
 */
public class JsonRpcGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(JsonRpcGuard.class.getName());

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private final int maxBytes;

    /** @param maxBytes the largest body taken ({@code agent.max-request-bytes}); a larger one is a 413 */
    public JsonRpcGuard(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest checked = request;
        JsonValue id = JsonValue.NULL;
        if ("POST".equals(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                write(response, 413, id, INVALID_REQUEST, "The message is larger than " + maxBytes + " bytes.");
                return;
            }
            JsonObject message;
            try {
                message = message(body);
            } catch (Refused refused) {
                write(response, 400, refused.id, refused.code, refused.getMessage());
                return;
            }
            id = message.getOrDefault("id", JsonValue.NULL);
            checked = new BufferedBodyRequest(request, body);
        }
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(checked, capture);
        if (capture.failed()) {
            rewrite(response, capture, id);
        }
    }

    /** The one JSON-RPC message of the body, or why it is none. */
    static JsonObject message(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(PARSE_ERROR, JsonValue.NULL, "The body is not UTF-8.");
        }
        if (JsonDepth.exceeds(text)) {
            throw new Refused(PARSE_ERROR, JsonValue.NULL, "The body nests deeper than " + JsonDepth.MAX + " levels.");
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new Refused(PARSE_ERROR, JsonValue.NULL, "The body is not JSON.");
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            throw new Refused(INVALID_REQUEST, JsonValue.NULL, "Batches are not supported: send one message.");
        }
        if (!(value instanceof JsonObject message)) {
            throw new Refused(INVALID_REQUEST, JsonValue.NULL, "A message is a JSON-RPC 2.0 object.");
        }
        JsonValue id = message.getOrDefault("id", JsonValue.NULL);
        if (!(id instanceof JsonString) && !(id instanceof JsonNumber) && message.containsKey("id")) {
            throw new Refused(INVALID_REQUEST, JsonValue.NULL, "'id' must be a string or a number.");
        }
        if (!"2.0".equals(string(message, "jsonrpc"))) {
            throw new Refused(INVALID_REQUEST, id, "'jsonrpc' must be \"2.0\".");
        }
        boolean reply = message.containsKey("result") || message.containsKey("error");
        if (!reply && string(message, "method") == null) {
            throw new Refused(INVALID_REQUEST, id, "'method' must be a string.");
        }
        if (message.containsKey("params") && message.get("params").getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refused(INVALID_REQUEST, id, "'params' must be an object.");
        }
        if ("initialize".equals(string(message, "method"))) {
            initializeParams(message.getJsonObject("params"), id);
        }
        return message;
    }

    /** What opening a session takes: a protocol version, the client's capabilities and its name and version. */
    private static void initializeParams(JsonObject params, JsonValue id) {
        JsonObject client = params == null ? null
                : params.get("clientInfo") instanceof JsonObject info ? info : null;
        if (params == null || string(params, "protocolVersion") == null
                || !(params.get("capabilities") instanceof JsonObject) || client == null
                || string(client, "name") == null || string(client, "version") == null) {
            throw new Refused(INVALID_PARAMS, id, "'initialize' takes params with a string 'protocolVersion', an object"
                    + " 'capabilities' and a 'clientInfo' with a string 'name' and 'version'.");
        }
    }

    private static String string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString value ? value.getString() : null;
    }

    /** The SDK's error, with its JSON-RPC code and message when it gave them, and nothing else of it. */
    private static void rewrite(HttpServletResponse response, ErrorCapture capture, JsonValue id) throws IOException {
        int status = capture.getStatus();
        int code = status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        String message = status >= 500 ? "Internal error." : status == 405 ? "Method not allowed."
                : status == 404 ? "No such session." : "The request was refused (HTTP " + status + ").";
        JsonObject sdkError = capture.json();
        JsonObject detail = sdkError == null ? null
                : sdkError.get("jsonRpcError") instanceof JsonObject rpc ? rpc
                : sdkError.get("error") instanceof JsonObject error ? error : null;
        if (detail != null && status < 500 && detail.get("code") instanceof JsonNumber number
                && detail.get("message") instanceof JsonString text) {
            code = number.intValue();
            // The SDK appends the exception of its JSON library ("Invalid message format: tools.jackson..."): only
            // the sentence before it is the SDK's own.
            int cause = text.getString().indexOf(':');
            message = cause < 0 ? text.getString() : text.getString().substring(0, cause) + ".";
        }
        if (status >= 500) {
            LOG.warning("The MCP endpoint failed a request with HTTP " + status);
        }
        write(response, status, id, code, message);
    }

    static void write(HttpServletResponse response, int status, JsonValue id, int code, String message)
            throws IOException {
        byte[] body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                .add("error", Json.createObjectBuilder().add("code", code).add("message", message)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A message that is no JSON-RPC message, with the code and id to answer it with. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;
        final transient JsonValue id;

        Refused(int code, JsonValue id, String message) {
            super(message, null, false, false);
            this.code = code;
            this.id = id;
        }
    }
}
