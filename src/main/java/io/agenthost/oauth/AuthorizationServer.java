package io.agenthost.oauth;

import java.net.URI;
import java.util.List;

/**
 * What the host needs of an MCP server's authorization server, from its metadata (RFC 8414), and of the MCP server
 * as a protected resource (RFC 9728).
 *
 * @param registrationEndpoint      null when it offers no dynamic client registration
 * @param scope                     the scope to ask for: the challenge's, else the resource's {@code scopes_supported};
 *                                  null to leave it to the server
 * @param resource                  the MCP server's canonical URI: with the user, the key of the tokens kept for it
 * @param indicator                 the {@code resource} of every request (RFC 8707): as the protected resource metadata
 *                                  states it, else the canonical URI
 * @param issParameterSupported     whether the authorization response must carry {@code iss} (RFC 9207)
 * @param clientMetadataDocuments   whether it takes a URL as {@code client_id} (client ID metadata documents)
 * @param authMethods               its {@code token_endpoint_auth_methods_supported}; empty when it does not say
 * @param dpop                      whether tokens are to be bound to a key the host proves it holds (RFC 9449): the
 *                                  MCP server asks for that, and the authorization server lists the host's algorithm
 *                                  in {@code dpop_signing_alg_values_supported}
 */
public record AuthorizationServer(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
        URI registrationEndpoint, String scope, URI resource, URI indicator, boolean issParameterSupported,
        boolean clientMetadataDocuments, List<String> authMethods, boolean dpop) {

    public AuthorizationServer {
        authMethods = List.copyOf(authMethods);
    }
}
