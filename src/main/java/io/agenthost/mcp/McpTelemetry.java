package io.agenthost.mcp;

/**
 * Observes each MCP request the host sends. Its span is the current OpenTelemetry context while the request is made,
 * so that the request carries that span's W3C {@code traceparent}.
 */
@FunctionalInterface
public interface McpTelemetry {

    McpTelemetry NONE = (method, target, endpoint) -> McpRequestSpan.NONE;

    /**
     * @param method the JSON-RPC method ({@code initialize}, {@code tools/list}, {@code tools/call})
     * @param target the tool of a {@code tools/call}, else null
     */
    McpRequestSpan request(String method, String target, McpEndpoint endpoint);

    /** One MCP request under observation; closing it ends it. */
    interface McpRequestSpan extends AutoCloseable {

        McpRequestSpan NONE = new McpRequestSpan() {
            @Override
            public void failed(String errorType) {
            }

            @Override
            public void close() {
            }
        };

        /** The request failed: {@code tool_error} for a tool result that is an error, else what went wrong. */
        void failed(String errorType);

        @Override
        void close();
    }
}
