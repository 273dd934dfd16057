package io.agenthost.endpoint;

import io.agenthost.json.Json;
import io.agenthost.json.JsonText;
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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
    public static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private static final String STATELESS = "io.agenthost.mcp.stateless";
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    private static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
    /** The revisions of MCP that have sessions. */
    private static final Set<String> SESSION_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

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
                message = message(body, statelessHeader(request));
            } catch (Refused refused) {
                write(response, 400, refused.id, refused.code, refused.getMessage());
                return;
            }
            id = message.getOrDefault("id", JsonValue.NULL);
            boolean stateless = stateless(request, message);
            checked = new BufferedBodyRequest(stateless ? new TrimmedMcpHeaders(request) : request, body);
            checked.setAttribute(STATELESS, stateless);
        }
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(checked, capture);
        if (capture.failed()) {
            rewrite(response, capture, id);
        }
    }

    /** Whether the request is one of MCP 2026-07-28, as {@link #stateless} found it. */
    static boolean isStateless(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(STATELESS));
    }

    /**
     * A request of 2026-07-28 belongs to no session and claims its revision, in the {@code MCP-Protocol-Version}
     * header or in {@code _meta}; the method decides nothing, since {@code initialize} is a request of 2026 too (one
     * it no longer has). Versions of 2025 and before are the sessions'.
     */
    private static boolean stateless(HttpServletRequest request, JsonObject message) {
        if (request.getHeader(SESSION_HEADER) != null) {
            return false;
        }
        if (statelessHeader(request)) {
            return true;
        }
        JsonObject meta = message.get("params") instanceof JsonObject params
                && params.get("_meta") instanceof JsonObject m ? m : null;
        String claimed = meta == null ? null : string(meta, PROTOCOL_VERSION_META);
        return claimed != null && !claimed.isBlank() && !SESSION_VERSIONS.contains(claimed);
    }

    private static boolean statelessHeader(HttpServletRequest request) {
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        return request.getHeader(SESSION_HEADER) == null && version != null && !version.isBlank()
                && !SESSION_VERSIONS.contains(version.trim());
    }

    /**
     * The one JSON-RPC message of the body, or why it is none.
     *
     * @param stateless whether the request is of 2026-07-28, where {@code initialize} is just an unknown method
     */
    static JsonObject message(byte[] body, boolean stateless) {
        String text;
        try {
            text = JsonText.utf8(body);
        } catch (CharacterCodingException e) {
            throw new Refused(PARSE_ERROR, JsonValue.NULL, "The body is not UTF-8.");
        }
        if (JsonText.deeperThan(text, JsonText.MAX_DEPTH)) {
            throw new Refused(PARSE_ERROR, JsonValue.NULL, "The body nests deeper than " + JsonText.MAX_DEPTH
                    + " levels.");
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
        if (!stateless && "initialize".equals(string(message, "method"))) {
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
        JsonObject answered = capture.json();
        if (status < 500 && isErrorResponse(answered)) {
            // The stateless server answers with JSON-RPC errors of its own, whose data a client may need (the
            // versions it supports, for one): they go out as they are, with the id it leaves out when it has none.
            write(response, status, answered.containsKey("id") ? answered
                    : Json.createObjectBuilder(answered).add("id", id).build());
            return;
        }
        int code = status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        String message = status >= 500 ? "Internal error." : status == 405 ? "Method not allowed."
                : status == 404 ? "No such session." : "The request was refused (HTTP " + status + ").";
        JsonObject sdkError = answered;
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

    /** A JSON-RPC error response and nothing else: no exception serialized beside it. */
    private static boolean isErrorResponse(JsonObject answer) {
        if (answer == null || !"2.0".equals(string(answer, "jsonrpc"))
                || !(answer.get("error") instanceof JsonObject error)) {
            return false;
        }
        return error.get("code") instanceof JsonNumber && error.get("message") instanceof JsonString
                && answer.keySet().stream().allMatch(key -> key.equals("jsonrpc") || key.equals("id")
                        || key.equals("error"))
                && error.keySet().stream().allMatch(key -> key.equals("code") || key.equals("message")
                        || key.equals("data"));
    }

    static void write(HttpServletResponse response, int status, JsonValue id, int code, String message)
            throws IOException {
        write(response, status, error(id, code, message));
    }

    /** A JSON-RPC error answer without {@code data}. */
    public static JsonObject error(JsonValue id, int code, String message) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                .add("error", Json.createObjectBuilder().add("code", code).add("message", message)).build();
    }

    private static void write(HttpServletResponse response, int status, JsonObject answer) throws IOException {
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
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
