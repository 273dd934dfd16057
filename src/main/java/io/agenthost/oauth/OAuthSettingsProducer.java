package io.agenthost.oauth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@link OAuthSettings} from MicroProfile Config ({@code agent.oauth.*}). */
@ApplicationScoped
public class OAuthSettingsProducer {

    /**
     * @param httpPort Liberty's {@code http.port} variable, which Liberty offers as a config property: the default
     *                 redirect lands on this server on loopback, enough for a developer's browser
     * @param keyFile  relative to the server's output directory, Liberty's working directory, where the database lives
     */
    @Produces
    OAuthSettings settings(
            @ConfigProperty(name = "agent.oauth.redirect-base") Optional<String> redirectBase,
            @ConfigProperty(name = "http.port", defaultValue = "9080") String httpPort,
            @ConfigProperty(name = "agent.oauth.client-id") Optional<String> clientId,
            @ConfigProperty(name = "agent.oauth.client-secret") Optional<String> clientSecret,
            @ConfigProperty(name = "agent.oauth.client-name", defaultValue = "agent-host") String clientName,
            @ConfigProperty(name = "agent.oauth.token-key") Optional<String> tokenKey,
            @ConfigProperty(name = "agent.oauth.token-key-file", defaultValue = "data/oauth-token.key") String keyFile,
            @ConfigProperty(name = "agent.oauth.pending-ttl", defaultValue = "PT10M") Duration pendingTtl,
            @ConfigProperty(name = "agent.oauth.refresh-before", defaultValue = "PT60S") Duration refreshBefore,
            @ConfigProperty(name = "agent.oauth.timeout", defaultValue = "PT10S") Duration timeout) {
        return new OAuthSettings(
                OAuthSettings.redirectUri(redirectBase.filter(b -> !b.isBlank())
                        .orElse("http://127.0.0.1:" + httpPort.trim())),
                clientId.filter(id -> !id.isBlank()).orElse(null),
                clientSecret.filter(secret -> !secret.isBlank()).orElse(null),
                clientName, tokenKey, Path.of(keyFile), pendingTtl, refreshBefore, timeout);
    }
}
