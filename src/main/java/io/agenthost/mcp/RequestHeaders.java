package io.agenthost.mcp;

import io.agenthost.run.RunScope;
import java.net.URI;
import java.util.Map;

/**
 * The headers one outgoing MCP request carries, decided when the request is sent (not when the connection is
 * built) for the run that sends it, so a token is always the current one of the right run.
 */
@FunctionalInterface
public interface RequestHeaders {

    RequestHeaders NONE = (uri, run) -> Map.of();

    /**
     * @param uri where the request goes
     * @param run the run the request is made for, or null outside a run
     * @return header names and values; a credential ({@link #AUTHORIZATION}) among them is only sent when the
     *         request stays on the server's own origin
     */
    Map<String, String> forRequest(URI uri, RunScope run);

    String AUTHORIZATION = "Authorization";

    /** What precedes a bearer token in {@link #AUTHORIZATION}. */
    String BEARER = "Bearer ";
}
