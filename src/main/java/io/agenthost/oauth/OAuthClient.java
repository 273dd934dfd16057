package io.agenthost.oauth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The host as a client of one authorization server.
 *
 * @param secret     null for a public client, which PKCE alone protects
 * @param authMethod how it authenticates at the token endpoint: {@code none}, {@code client_secret_post} or
 *                   {@code client_secret_basic} (RFC 7591 §2)
 */
public record OAuthClient(String id, String secret, String authMethod) {

    /** Adds the client's identification to a token request, in its body or as the Basic header it returns. */
    String authenticate(Map<String, String> form) {
        if (secret == null || authMethod.equals("none")) {
            form.put("client_id", id);
            return null;
        }
        if (authMethod.equals("client_secret_post")) {
            form.put("client_id", id);
            form.put("client_secret", secret);
            return null;
        }
        // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined.
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
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
