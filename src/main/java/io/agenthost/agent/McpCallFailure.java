package io.agenthost.agent;

/**
 * Why an MCP tool call failed, in the three kinds the Responses API tells apart.
 *
 * @param code the JSON-RPC error code (protocol) or HTTP status (http); unused for a tool execution error
 */
public record McpCallFailure(Kind kind, int code, String message) {

    public enum Kind {
        /** The tool ran and reported an error. */
        TOOL_EXECUTION,
        /** The server answered the call with a JSON-RPC error. */
        PROTOCOL,
        /** The server could not be reached or answered with an HTTP error. */
        HTTP
    }

    /** How the model reads it. */
    public String forModel() {
        return kind == Kind.PROTOCOL ? "Error " + code + ": " + message : "Error: " + message;
    }
}
