package io.agenthost.mcp;

import java.net.URI;
import java.util.Map;

/**
 * The headers one outgoing MCP request carries, decided when the request is sent (not when the connection is
 * built), so a token is always the current one.
 */
@FunctionalInterface
public interface RequestHeaders {

    RequestHeaders NONE = uri -> Map.of();

    /**
     * @param uri where the request goes
     * @return header names and values; a {@code credential} ({@link #AUTHORIZATION}) among them is only sent when
     *         the request stays on the server's own origin
     */
    Map<String, String> forRequest(URI uri);

    String AUTHORIZATION = "Authorization";
}
