package io.agenthost.oauth;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The two requests the host makes at a token endpoint (RFC 6749 §4.1.3 and §6), with PKCE and RFC 8707. */
final class TokenRequests {

    private final OAuthHttp http;
    private final Clock clock;

    TokenRequests(OAuthHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Grant exchange(PendingAuthorization pending, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri().toString());
        form.put("code_verifier", pending.verifier());
        form.put("resource", pending.server().toString());
        String basic = pending.client().authenticate(form);
        OAuthHttp.Reply reply = http.postForm(pending.tokenEndpoint(), form, basic, "token endpoint");
        return grant(reply, null, pending.tokenEndpoint(), pending.client(), pending.server(), pending.scope());
    }

    Grant refresh(Grant grant) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", grant.refreshToken());
        form.put("resource", grant.resource().toString());
        String basic = grant.client().authenticate(form);
        OAuthHttp.Reply reply = http.postForm(grant.tokenEndpoint(), form, basic, "token endpoint");
        return grant(reply, grant.refreshToken(), grant.tokenEndpoint(), grant.client(), grant.resource(),
                grant.scope());
    }

    /** @param previousRefresh kept when a refresh answer brings no new refresh token (RFC 6749 §6) */
    private Grant grant(OAuthHttp.Reply reply, String previousRefresh, URI endpoint, OAuthClient client,
            URI resource, String scope) {
        if (!reply.ok()) {
            throw new OAuthException(reply.error(), "the token endpoint at " + endpoint.getAuthority()
                    + " answered " + reply.error());
        }
        JsonObject json = reply.json();
        if (!(json.get("access_token") instanceof JsonString access) || access.getString().isBlank()) {
            throw new OAuthException("invalid_token_response", "the token endpoint at " + endpoint.getAuthority()
                    + " gave no access_token");
        }
        String type = json.getString("token_type", "Bearer");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new OAuthException("unsupported_token_type", "the token endpoint at " + endpoint.getAuthority()
                    + " issued a " + type + " token; only Bearer tokens are supported");
        }
        Instant expiresAt = json.get("expires_in") instanceof JsonNumber seconds && seconds.longValue() > 0
                ? clock.instant().plusSeconds(seconds.longValue()) : null;
        String refresh = json.get("refresh_token") instanceof JsonString r && !r.getString().isBlank()
                ? r.getString() : previousRefresh;
        return new Grant(access.getString(), refresh, expiresAt, endpoint, client, resource,
                json.getString("scope", scope));
    }
}
