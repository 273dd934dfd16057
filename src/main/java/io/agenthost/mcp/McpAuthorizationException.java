package io.agenthost.mcp;

import java.net.URI;
import java.util.List;

/**
 * An MCP server refused the request for want of authorization (HTTP 401 or 403). Its {@code WWW-Authenticate}
 * challenges say how to get it: with {@code Bearer resource_metadata="..."} (RFC 9728) the user can be sent to the
 * server's authorization server.
 */
public class McpAuthorizationException extends McpAccessException {

    private final URI server;
    private final List<String> challenges;

    public McpAuthorizationException(String message, Throwable cause, int httpStatus, URI server,
            List<String> challenges) {
        super(message, cause, httpStatus);
        this.server = server;
        this.challenges = List.copyOf(challenges);
    }

    /** The MCP server's URL, as the connection was opened with it. */
    public URI server() {
        return server;
    }

    /** The answer's {@code WWW-Authenticate} values, as the server sent them. */
    public List<String> challenges() {
        return challenges;
    }
}
