package io.agenthost.mcp;

import java.util.List;
import java.util.Map;

/**
 * The MCP Java SDK's client of one revision, as a connection uses it. Failures are the SDK's own exceptions;
 * {@link McpFailures} reads both kinds.
 */
interface ProtocolClient extends AutoCloseable {

    ProtocolRevision revision();

    /** What the revision needs before the first request: the session of 2025-11-25, nothing in 2026-07-28. */
    void open();

    /** One page of the server's tools; {@code cursor} null for the first. */
    ToolPage tools(String cursor);

    McpCallResult call(String tool, Map<String, Object> arguments);

    /** Ends the session, if the revision has one; never throws. */
    @Override
    void close();

    record ToolPage(List<McpTool> tools, String nextCursor) {
    }
}
