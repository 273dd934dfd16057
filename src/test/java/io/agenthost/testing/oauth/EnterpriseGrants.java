package io.agenthost.testing.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enterprise-managed authorization as the test authorization server serves it, playing both parts: the enterprise
 * identity provider that exchanges the JWT a user signed in with for an identity assertion authorization grant
 * (ID-JAG, RFC 8693 token exchange), and the MCP server's authorization server that redeems the grant (RFC 7523 JWT
 * bearer) for the one client registered for it, {@link #CLIENT_ID}, authenticated with {@code client_secret_basic}.
 */
final class EnterpriseGrants {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String CLIENT_ID = "agent-host-enterprise";
    static final String CLIENT_SECRET = "enterprise-client-secret";

    private static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    private static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

    /** What a grant the identity provider issued says. */
    record Assertion(String user, String resource) {
    }

    private final TestJwtIssuer jwts;
    private final String issuer;
    /** The JWTs signed for users, by token: their users. */
    private final Map<String, String> signedIn = new ConcurrentHashMap<>();
    private final Map<String, Assertion> grants = new ConcurrentHashMap<>();

    EnterpriseGrants(TestJwtIssuer jwts, String issuer) {
        this.jwts = jwts;
        this.issuer = issuer;
    }

    void signedIn(String jwt, String user) {
        signedIn.put(jwt, user);
    }

    /** The ID-JAG for a user's JWT, for this server and the resource asked for; empty when anything is amiss. */
    Optional<String> exchange(Map<String, String> form) {
        String user = signedIn.get(form.getOrDefault("subject_token", ""));
        String resource = form.get("resource");
        if (user == null || !ID_TOKEN.equals(form.get("subject_token_type"))
                || !ID_JAG.equals(form.get("requested_token_type")) || !issuer.equals(form.get("audience"))
                || resource == null) {
            return Optional.empty();
        }
        String grant = jwts.signGrant(user, issuer, resource, CLIENT_ID);
        grants.put(grant, new Assertion(user, resource));
        return Optional.of(grant);
    }

    /** What the grant of a JWT bearer request asserts, once, when its client authenticated as the one it names. */
    Optional<Assertion> redeem(Map<String, String> form, String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return Optional.empty();
        }
        return Optional.ofNullable(grants.remove(form.getOrDefault("assertion", "")));
    }
}
