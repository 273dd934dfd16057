package io.agenthost.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the host acts as an OAuth client of the MCP servers' authorization servers.
 *
 * @param redirectUri   where authorization servers send the user back: {@code {agent.oauth.redirect-base}/oauth/callback}
 * @param clientId      a client registered by hand for every authorization server; null for none
 * @param clients       clients registered by hand, by the issuer of their authorization server
 * @param serviceClients clients of the host's own (client credentials), by issuer or by MCP server URL
 * @param clientMetadataUrl where the host's client ID metadata document is served, its {@code client_id} at
 *                      authorization servers that take one; null when it is not served over https
 * @param tokenKey      the base64 AES key that seals stored tokens, if configured
 * @param tokenKeyFile  where the generated key is kept when none is configured
 * @param pendingTtl    how long a consent link stays usable
 * @param refreshBefore how long before its expiry a token is refreshed
 * @param timeout       of each request to an authorization server or protected resource metadata
 */
public record OAuthSettings(URI redirectUri, String clientId, String clientSecret, String clientName,
        Map<String, OAuthClient> clients, Map<String, ServiceClient> serviceClients, URI clientMetadataUrl, Optional<String> tokenKey, Path tokenKeyFile,
        Duration pendingTtl, Duration refreshBefore, Duration timeout) {

    public OAuthSettings {
        clients = Map.copyOf(clients);
        serviceClients = Map.copyOf(serviceClients);
    }

    public static final String CALLBACK_PATH = "/oauth/callback";

    public static final String CLIENT_METADATA_PATH = "/oauth/client-metadata.json";

    /** The redirect URI under a base such as {@code https://agents.example.com}. */
    public static URI redirectUri(String base) {
        String trimmed = base.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return URI.create(trimmed + CALLBACK_PATH);
    }

    /**
     * Whether the redirect URI is a web page's (https on a host of its own) rather than a native application's
     * (loopback, as a developer's server): the {@code application_type} of a dynamic registration.
     */
    public boolean webRedirect() {
        return "https".equalsIgnoreCase(redirectUri.getScheme()) && redirectUri.getHost() != null
                && !io.agenthost.mcp.LoopbackHosts.names(redirectUri.getHost());
    }

    @Override
    public String toString() {
        return "OAuthSettings[" + redirectUri + ", client " + (clientId == null ? "registered dynamically" : clientId)
                + "]";
    }
}
