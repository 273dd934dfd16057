package io.agenthost.oauth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's client at each authorization server: the one configured ({@code agent.oauth.client-id}), else one
 * registered dynamically (RFC 7591) once per authorization server and redirect URI. Registrations are kept in memory
 * only: an authorization server may forget its dynamic clients, and the host could not tell, since the user's browser
 * is the one refused. Grants and pending authorizations keep the client they were made with.
 */
final class Clients {

    private final OAuthHttp http;
    private final OAuthSettings settings;
    private final Map<String, OAuthClient> registered = new ConcurrentHashMap<>();

    Clients(OAuthHttp http, OAuthSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    OAuthClient forServer(AuthorizationServer server) {
        if (settings.clientId() != null) {
            return new OAuthClient(settings.clientId(), settings.clientSecret(),
                    settings.clientSecret() == null ? "none" : "client_secret_basic");
        }
        if (server.registrationEndpoint() == null) {
            throw new OAuthException("no_client", "authorization server " + server.issuer()
                    + " offers no dynamic client registration; set agent.oauth.client-id");
        }
        return registered.computeIfAbsent(server.issuer(),
                issuer -> register(server.registrationEndpoint(), issuer));
    }

    /** The authorization server no longer knows the client: the next authorization registers anew. */
    void forget(String issuer) {
        registered.remove(issuer);
    }

    private OAuthClient register(URI endpoint, String issuer) {
        JsonObject request = Json.createObjectBuilder()
                .add("client_name", settings.clientName())
                .add("redirect_uris", Json.createArrayBuilder().add(settings.redirectUri().toString()))
                .add("grant_types", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("response_types", Json.createArrayBuilder().add("code"))
                .add("token_endpoint_auth_method", "none")
                .build();
        OAuthHttp.Reply reply = http.postJson(endpoint, request, "client registration of " + issuer);
        Optional<String> id = reply.ok() && reply.json().get("client_id") instanceof JsonString s
                && !s.getString().isBlank() ? Optional.of(s.getString()) : Optional.empty();
        if (id.isEmpty()) {
            throw new OAuthException("registration_failed", "authorization server " + issuer
                    + " refused to register the client: " + reply.error());
        }
        String secret = reply.json().getString("client_secret", null);
        String method = reply.json().getString("token_endpoint_auth_method",
                secret == null ? "none" : "client_secret_basic");
        return new OAuthClient(id.get(), secret, method);
    }
}
