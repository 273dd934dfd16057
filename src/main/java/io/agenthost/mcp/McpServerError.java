package io.agenthost.mcp;

/**
 * The server answered a request with a JSON-RPC error: it is reachable, it refused this request. Unlike
 * {@link McpAccessException}, this says nothing about the connection.
 *
 * @see <a href="https://www.jsonrpc.org/specification#error_object">JSON-RPC error object</a>
 */
public class McpServerError extends RuntimeException {

    /**
     * MCP's {@code URLElicitationRequiredError} (2025-11-25): the user must visit a URL before the request can
     * succeed. The stateless revision's client hands its own such answer on as this error.
     */
    public static final int URL_ELICITATION_REQUIRED = -32042;

    private final int code;
    private final String errorMessage;
    private final String dataJson;

    public McpServerError(String label, int code, String errorMessage, String dataJson) {
        super("MCP server " + label + " answered error " + code, null, false, false);
        this.code = code;
        this.errorMessage = errorMessage == null ? "" : errorMessage;
        this.dataJson = dataJson;
    }

    public int code() {
        return code;
    }

    /** The error's own message, as the server wrote it. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The error's {@code data} as JSON, or null. */
    public String dataJson() {
        return dataJson;
    }
}
