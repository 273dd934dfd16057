package io.agenthost.testing.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a test MCP server received it, before any fault was applied to it.
 *
 * @param headers header names in lower case, each with every value it was sent with
 * @param query the raw query string, or null
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body, Instant arrival) {

    public RecordedRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** The first value of a header, or null; the name is matched without regard to case. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The JSON-RPC method of the message in the body (e.g. "tools/call"), or null for a response or no body. */
    public String rpcMethod() {
        if (body.isBlank() || !body.trim().startsWith("{")) {
            return null;
        }
        try {
            Object method = McpJsonDefaults.getMapper().readValue(body, Map.class).get("method");
            return method instanceof String ? (String) method : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
