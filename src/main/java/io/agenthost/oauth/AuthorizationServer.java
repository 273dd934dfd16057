package io.agenthost.oauth;

import java.net.URI;

/**
 * What the host needs of an MCP server's authorization server, from its metadata (RFC 8414).
 *
 * @param registrationEndpoint null when it offers no dynamic client registration
 * @param scope                the scope to ask for: the challenge's, else the resource's {@code scopes_supported};
 *                             null to leave it to the server
 * @param resource             the MCP server's canonical URI, the {@code resource} of every request (RFC 8707)
 */
public record AuthorizationServer(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
        URI registrationEndpoint, String scope, URI resource) {
}
