package io.agenthost.mcp;

/**
 * A header of an outgoing MCP request (a credential from a token provider or an OAuth grant, most often) holds what
 * HTTP cannot carry. The request is not sent; the message names the server and the header, never the value.
 */
public class UnsendableHeaderException extends RuntimeException {

    UnsendableHeaderException(String label, String header) {
        super("the " + (header.equalsIgnoreCase(RequestHeaders.AUTHORIZATION) ? "credential" : "header " + header)
                + " for MCP server " + label + " is not a valid HTTP header value", null, false, false);
    }
}
