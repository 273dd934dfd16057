package io.agenthost.mcp;

import jakarta.json.JsonObject;

/** A tool as an MCP server lists it; schemas and annotations are kept as JSON. */
public record McpTool(String name, String description, JsonObject inputSchema, JsonObject annotations) {
}
