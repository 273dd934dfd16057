package io.agenthost.agent;

import java.util.Map;
import java.util.Set;

/**
 * An MCP server that a request brings as an {@code mcp} tool.
 *
 * @param authorization the bearer token for this server and this request only, or null
 * @param headers       more headers for this server (never {@code Authorization})
 * @param allowedTools  the tools the model may see, or null for all
 */
public record RequestMcpTool(String serverLabel, String serverUrl, String authorization, Map<String, String> headers,
        Set<String> allowedTools, ApprovalPolicy approval, String description) {

    public RequestMcpTool {
        headers = Map.copyOf(headers);
        allowedTools = allowedTools == null ? null : Set.copyOf(allowedTools);
    }

    /** Without the token, so that it cannot reach a log by accident. */
    @Override
    public String toString() {
        return "RequestMcpTool[" + serverLabel + " " + serverUrl + (authorization == null ? "" : " with authorization")
                + "]";
    }
}
