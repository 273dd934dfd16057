package io.agenthost.mcp;

import java.net.ConnectException;

/**
 * An MCP server could not be reached or refused the request. The message is safe to show a client: it names the
 * server and the kind of failure, never a credential.
 */
public class McpAccessException extends RuntimeException {

    /** Used when no HTTP answer explains the failure: the server could not be reached. */
    public static final int UNREACHABLE = 502;

    private final int httpStatus;

    public McpAccessException(String message, Throwable cause) {
        this(message, cause, UNREACHABLE);
    }

    public McpAccessException(String message, Throwable cause, int httpStatus) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the server last failed with, or {@link #UNREACHABLE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the server refused the connection: nothing listens at its address. */
    public boolean connectionRefused() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
