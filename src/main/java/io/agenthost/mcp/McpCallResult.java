package io.agenthost.mcp;

/**
 * What a tool call gave back: its output as text for the model and the client, and whether the tool itself
 * reported an error (an error the model reads, not a failed run).
 */
public record McpCallResult(String output, boolean isError) {
}
