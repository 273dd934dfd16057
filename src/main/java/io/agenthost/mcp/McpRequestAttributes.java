package io.agenthost.mcp;

import io.agenthost.json.Json;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Optional;

/**
 * The attributes of an MCP request's span that only the request itself knows: its JSON-RPC id, the revision it
 * speaks, and the session it belongs to ({@code Mcp-Session-Id}, which the MCP client sets before the request
 * filter runs; none in the stateless revision).
 */
final class McpRequestAttributes {

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private McpRequestAttributes() {
    }

    /** Sets them on a span that records; one that does not (telemetry off) costs nothing. */
    static void record(Span span, String body, Optional<String> session, ProtocolRevision revision) {
        if (!span.isRecording()) {
            return;
        }
        requestId(body).ifPresent(id -> span.setAttribute(REQUEST_ID, id));
        session.ifPresent(id -> span.setAttribute(SESSION_ID, id));
        span.setAttribute(PROTOCOL_VERSION, revision.version());
    }

    /**
     * The {@code id} of a JSON-RPC request, string or number, read without building the body's tree: the arguments
     * of a tool call may be large. Empty for a notification, a batch, or a body that is no JSON object.
     */
    static Optional<String> requestId(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    return Optional.empty();
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("id") && (value == JsonParser.Event.VALUE_STRING
                        || value == JsonParser.Event.VALUE_NUMBER)) {
                    return Optional.of(parser.getString());
                }
                if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            return Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
