package io.agenthost.mcp;

import java.util.List;

/** An MCP server whose tools an agent run can offer and call: a host toolbox or a request's own server. */
public interface McpToolSource {

    /** The {@code server_label} of the items and events that concern this source. */
    String label();

    /** The tools on offer; throws {@link McpAccessException} when the server cannot be reached. */
    List<McpTool> tools();

    /** Calls a tool with a JSON object of arguments; throws {@link McpAccessException} when the call cannot be made. */
    McpCallResult call(String tool, String arguments);

    /** Whether a call of this tool waits for the client's approval. */
    default boolean requiresApproval(String tool) {
        return false;
    }
}
