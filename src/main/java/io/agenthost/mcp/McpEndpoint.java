package io.agenthost.mcp;

import java.net.URI;

/**
 * An MCP server to connect to.
 *
 * @param label   names the server in items, events, logs and errors
 * @param headers stamps each outgoing request, e.g. with a bearer token fetched for that request
 */
public record McpEndpoint(String label, URI url, RequestHeaders headers) {
}
