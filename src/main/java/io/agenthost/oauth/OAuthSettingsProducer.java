package io.agenthost.oauth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
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
            @ConfigProperty(name = "agent.oauth.timeout", defaultValue = "PT10S") Duration timeout,
            @ConfigProperty(name = "agent.oauth.clients") Optional<List<String>> clientNames,
            @ConfigProperty(name = "agent.oauth.client-metadata-url") Optional<String> clientMetadataUrl,
            Config config) {
        String base = redirectBase.filter(b -> !b.isBlank()).orElse("http://127.0.0.1:" + httpPort.trim());
        return new OAuthSettings(OAuthSettings.redirectUri(base),
                clientId.filter(id -> !id.isBlank()).orElse(null),
                clientSecret.filter(secret -> !secret.isBlank()).orElse(null),
                clientName, registered(clientNames.orElse(List.of()), config),
                serviceClients(clientNames.orElse(List.of()), config),
                clientMetadataUrl.filter(url -> !url.isBlank()).map(URI::create)
                        .orElseGet(() -> defaultClientMetadataUrl(base)),
                tokenKey, Path.of(keyFile), pendingTtl, refreshBefore, timeout);
    }

    /**
     * The clients registered by hand: for each name of {@code agent.oauth.clients},
     * {@code agent.oauth.client.<name>.issuer}, {@code .id}, {@code .secret} (none for a public client) and
     * {@code .auth-method} ({@code client_secret_basic} by default with a secret).
     */
    static Map<String, OAuthClient> registered(List<String> names, Config config) {
        Map<String, OAuthClient> clients = new LinkedHashMap<>();
        for (String name : names) {
            String prefix = "agent.oauth.client." + name.trim() + ".";
            if (HOST_GRANTS.contains(config.getOptionalValue(prefix + "grant", String.class).orElse(""))) {
                continue;
            }
            String issuer = config.getValue(prefix + "issuer", String.class);
            String secret = config.getOptionalValue(prefix + "secret", String.class).filter(s -> !s.isBlank())
                    .orElse(null);
            String method = config.getOptionalValue(prefix + "auth-method", String.class)
                    .orElse(secret == null ? "none" : "client_secret_basic");
            clients.put(issuer, new OAuthClient(config.getValue(prefix + "id", String.class), secret, method));
        }
        return clients;
    }

    private static final String JWT_BEARER = "jwt_bearer";
    private static final String ENTERPRISE = "enterprise";

    /** The grants with which the host gets tokens without sending a user to consent. */
    private static final Set<String> HOST_GRANTS = Set.of("client_credentials", JWT_BEARER, ENTERPRISE);

    /**
     * The clients of the host's own: those of {@code agent.oauth.clients} with {@code .grant=client_credentials}
     * (with {@code .secret} or a {@code .private-key-file}, PEM, PKCS #8, for which {@code .auth-method} defaults to
     * {@code private_key_jwt}), {@code .grant=jwt_bearer} (with the workload's token in {@code .assertion-file}) or
     * {@code .grant=enterprise} (the caller's token exchanged at {@code .idp-token-endpoint} as client
     * {@code .idp-client-id}, with {@code .idp-client-secret} if it has one), for the authorization server of
     * {@code .issuer} or the MCP server at {@code .server}.
     */
    static Map<String, ServiceClient> serviceClients(List<String> names, Config config) {
        Map<String, ServiceClient> clients = new LinkedHashMap<>();
        for (String name : names) {
            String prefix = "agent.oauth.client." + name.trim() + ".";
            String grant = config.getOptionalValue(prefix + "grant", String.class).orElse("");
            if (!HOST_GRANTS.contains(grant)) {
                continue;
            }
            String target = config.getOptionalValue(prefix + "issuer", String.class)
                    .orElseGet(() -> config.getValue(prefix + "server", String.class));
            Optional<String> keyFile = config.getOptionalValue(prefix + "private-key-file", String.class);
            PrivateKey key = keyFile.map(OAuthSettingsProducer::readKey).orElse(null);
            String secret = config.getOptionalValue(prefix + "secret", String.class).orElse(null);
            String method = config.getOptionalValue(prefix + "auth-method", String.class)
                    .orElse(key != null ? "private_key_jwt" : "client_secret_basic");
            Path assertion = grant.equals(JWT_BEARER) ? Path.of(config.getValue(prefix + "assertion-file",
                    String.class)) : null;
            IdentityProvider identityProvider = grant.equals(ENTERPRISE) ? new IdentityProvider(
                    URI.create(config.getValue(prefix + "idp-token-endpoint", String.class)),
                    config.getValue(prefix + "idp-client-id", String.class),
                    config.getOptionalValue(prefix + "idp-client-secret", String.class).orElse(null)) : null;
            clients.put(target, new ServiceClient(config.getValue(prefix + "id", String.class), secret, method, key,
                    assertion, identityProvider));
        }
        return clients;
    }

    private static PrivateKey readKey(String file) {
        try {
            return ServiceClient.pkcs8(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the private key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** This server's own document, when it is served over https: an authorization server fetches it. */
    private static URI defaultClientMetadataUrl(String base) {
        URI url = URI.create(base.trim().replaceAll("/+$", "") + OAuthSettings.CLIENT_METADATA_PATH);
        return "https".equalsIgnoreCase(url.getScheme()) ? url : null;
    }
}
