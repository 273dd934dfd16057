package io.agenthost.mcp;

import java.net.URI;

/**
 * One MCP request about to be sent, as far as its headers depend on it.
 *
 * @param nonce the latest DPoP nonce the server gave (RFC 9449 §9), which a proof of possession must carry; null
 *              while it gave none
 */
public record OutgoingRequest(String method, URI uri, String nonce) {
}
