package io.agenthost.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the host acts as an OAuth client of the MCP servers' authorization servers.
 *
 * @param redirectUri   where authorization servers send the user back: {@code {agent.oauth.redirect-base}/oauth/callback}
 * @param clientId      a client registered by hand; null to register dynamically (RFC 7591)
 * @param tokenKey      the base64 AES key that seals stored tokens, if configured
 * @param tokenKeyFile  where the generated key is kept when none is configured
 * @param pendingTtl    how long a consent link stays usable
 * @param refreshBefore how long before its expiry a token is refreshed
 * @param timeout       of each request to an authorization server or protected resource metadata
 */
public record OAuthSettings(URI redirectUri, String clientId, String clientSecret, String clientName,
        Optional<String> tokenKey, Path tokenKeyFile, Duration pendingTtl, Duration refreshBefore, Duration timeout) {

    public static final String CALLBACK_PATH = "/oauth/callback";

    /** The redirect URI under a base such as {@code https://agents.example.com}. */
    public static URI redirectUri(String base) {
        String trimmed = base.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return URI.create(trimmed + CALLBACK_PATH);
    }

    @Override
    public String toString() {
        return "OAuthSettings[" + redirectUri + ", client " + (clientId == null ? "registered dynamically" : clientId)
                + "]";
    }
}
