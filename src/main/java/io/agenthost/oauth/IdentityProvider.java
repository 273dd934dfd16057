package io.agenthost.oauth;

import java.net.URI;

/**
 * The enterprise identity provider of enterprise-managed authorization: where the host exchanges the token its caller
 * signed in with for an identity assertion authorization grant (ID-JAG) for an MCP server's authorization server.
 *
 * @param secret null when the host authenticates there by its client id alone
 */
public record IdentityProvider(URI tokenEndpoint, String clientId, String secret) {

    @Override
    public String toString() {
        return "IdentityProvider[" + tokenEndpoint + ", " + clientId + "]";
    }
}
