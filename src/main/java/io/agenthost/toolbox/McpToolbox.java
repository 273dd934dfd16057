package io.agenthost.toolbox;

import io.agenthost.mcp.McpToolSource;

/** A host toolbox as application code sees it: its tools and calls, and how it stands. */
public interface McpToolbox extends McpToolSource {

    String name();

    ToolboxStatus status();

    /** Why it is not open, or null when it is. */
    String reason();

}
