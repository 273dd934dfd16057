package io.agenthost.oauth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;

import io.agenthost.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The host as a client of one authorization server.
 *
 * @param secret     null for a public client, which PKCE alone protects
 * @param authMethod how it authenticates at the token endpoint: {@code none}, {@code client_secret_post} or
 *                   {@code client_secret_basic} (RFC 7591 §2)
 */
public record OAuthClient(String id, String secret, String authMethod) {

    /** How it authenticates at the token endpoint, as Nimbus sends it; null for a public client. */
    ClientAuthentication authentication() {
        if (secret == null || authMethod.equals("none")) {
            return null;
        }
        ClientID client = new ClientID(id);
        return authMethod.equals("client_secret_post") ? new ClientSecretPost(client, new Secret(secret))
                : new ClientSecretBasic(client, new Secret(secret));
    }

    JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("client_id", id).add("auth_method", authMethod);
        if (secret != null) {
            json.add("client_secret", secret);
        }
        return json.build();
    }

    static OAuthClient fromJson(JsonObject json) {
        return new OAuthClient(json.getString("client_id"), json.getString("client_secret", null),
                json.getString("auth_method", "none"));
    }

    @Override
    public String toString() {
        return "OAuthClient[" + id + ", " + authMethod + "]";
    }
}
