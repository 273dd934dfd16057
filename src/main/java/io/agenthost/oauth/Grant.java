package io.agenthost.oauth;

import io.agenthost.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A user's tokens for one MCP server, and what refreshing them takes.
 *
 * @param refreshToken null when the authorization server gave none
 * @param expiresAt    when the access token expires; null when the server did not say
 * @param proofKey     the key the tokens are bound to (DPoP, RFC 9449); null for bearer tokens
 */
public record Grant(String accessToken, String refreshToken, Instant expiresAt, URI tokenEndpoint,
        OAuthClient client, URI resource, String scope, DpopKey proofKey) {

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    boolean refreshDue(Instant now, Duration before) {
        return refreshToken != null && expiresAt != null && !now.plus(before).isBefore(expiresAt);
    }

    /** Whether {@code authorization}, a header a request carried, is this grant's access token. */
    boolean carries(String authorization) {
        String scheme = proofKey == null ? "Bearer " : "DPoP ";
        return authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                && authorization.substring(scheme.length()).trim().equals(accessToken);
    }

    JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_endpoint", tokenEndpoint.toString())
                .add("client", client.toJson())
                .add("resource", resource.toString());
        if (refreshToken != null) {
            json.add("refresh_token", refreshToken);
        }
        if (expiresAt != null) {
            json.add("expires_at", expiresAt.getEpochSecond());
        }
        if (scope != null) {
            json.add("scope", scope);
        }
        if (proofKey != null) {
            json.add("proof_key", proofKey.toJson());
        }
        return json.build();
    }

    static Grant fromJson(JsonObject json) {
        return new Grant(json.getString("access_token"), json.getString("refresh_token", null),
                json.containsKey("expires_at") ? Instant.ofEpochSecond(json.getJsonNumber("expires_at").longValue())
                        : null,
                URI.create(json.getString("token_endpoint")), OAuthClient.fromJson(json.getJsonObject("client")),
                URI.create(json.getString("resource")), json.getString("scope", null),
                json.containsKey("proof_key") ? DpopKey.fromJson(json.getString("proof_key")) : null);
    }

    @Override
    public String toString() {
        return "Grant[" + resource + ", expires " + expiresAt + (refreshToken == null ? "" : ", refreshable")
                + (proofKey == null ? "" : ", DPoP-bound") + "]";
    }
}
