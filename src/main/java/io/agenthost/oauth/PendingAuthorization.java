package io.agenthost.oauth;

import io.agenthost.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Instant;

/**
 * An authorization the host sent a user to, waiting for the callback that carries its {@code state}.
 *
 * @param principal whose run asked for it; null for an anonymous caller
 * @param server    the MCP server the tokens are for, canonical
 * @param indicator the {@code resource} the authorization was asked for, which the token request repeats
 * @param issRequired whether the callback must carry {@code iss} (RFC 9207: the server said it sends it)
 * @param dpop      whether the tokens are to be bound to a key of the host's (the server takes DPoP proofs)
 */
public record PendingAuthorization(String principal, URI server, URI indicator, String verifier, URI redirectUri,
        String issuer, boolean issRequired, URI tokenEndpoint, OAuthClient client, String scope, boolean dpop,
        Instant expiresAt) {

    JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("server", server.toString())
                .add("indicator", indicator.toString())
                .add("iss_required", issRequired)
                .add("dpop", dpop)
                .add("verifier", verifier)
                .add("redirect_uri", redirectUri.toString())
                .add("issuer", issuer)
                .add("token_endpoint", tokenEndpoint.toString())
                .add("client", client.toJson())
                .add("expires_at", expiresAt.getEpochSecond());
        if (principal != null) {
            json.add("principal", principal);
        }
        if (scope != null) {
            json.add("scope", scope);
        }
        return json.build();
    }

    static PendingAuthorization fromJson(JsonObject json) {
        URI server = URI.create(json.getString("server"));
        return new PendingAuthorization(json.getString("principal", null), server,
                URI.create(json.getString("indicator", server.toString())), json.getString("verifier"),
                URI.create(json.getString("redirect_uri")), json.getString("issuer"),
                json.getBoolean("iss_required", false), URI.create(json.getString("token_endpoint")), OAuthClient.fromJson(json.getJsonObject("client")),
                json.getString("scope", null), json.getBoolean("dpop", false), Instant.ofEpochSecond(json.getJsonNumber("expires_at").longValue()));
    }

    @Override
    public String toString() {
        return "PendingAuthorization[" + (principal == null ? "anonymous" : principal) + ", " + server + "]";
    }
}
