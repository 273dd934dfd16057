package io.agenthost.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The requests the host makes at a token endpoint (the code, refresh, client credentials and JWT bearer grants, and
 * the token exchange of enterprise-managed authorization), with PKCE, RFC 8707's {@code resource} and, where the
 * tokens are to be bound to a key, DPoP proofs (RFC 9449): built and their answers parsed by Nimbus.
 */
final class TokenRequests {

    private static final TokenTypeURI ID_JAG = idJag();

    private final OAuthHttp http;
    private final Clock clock;
    /** The last DPoP nonce of each token endpoint, so that a request needs no refusal first to learn it. */
    private final DpopNonces nonces = new DpopNonces();

    TokenRequests(OAuthHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Grant exchange(PendingAuthorization pending, String code) {
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), pending.redirectUri(),
                new CodeVerifier(pending.verifier()));
        DpopKey key = pending.dpop() ? DpopKey.generate() : null;
        return grant(send(pending.tokenEndpoint(), pending.client(), grant, pending.indicator(), key), null,
                pending.tokenEndpoint(), pending.client(), pending.indicator(), pending.scope(), key);
    }

    /** A DPoP-bound refresh token is bound to the same key (RFC 9449 §5): the refreshed tokens keep it. */
    Grant refresh(Grant grant) {
        AuthorizationGrant refresh = new RefreshTokenGrant(new RefreshToken(grant.refreshToken()));
        return grant(send(grant.tokenEndpoint(), grant.client(), refresh, grant.resource(), grant.proofKey()),
                grant.refreshToken(), grant.tokenEndpoint(), grant.client(), grant.resource(), grant.scope(),
                grant.proofKey());
    }

    /**
     * A token without a user's consent, for the resource and scope the server's metadata and challenge give: with
     * the client's credentials, the workload's JWT, or the caller's identity. Not refreshable: the host asks again when
     * the server refuses it.
     */
    Grant withoutConsent(AuthorizationServer server, ServiceClient client, String callerToken) {
        if (client.identityProvider() != null) {
            return enterprise(server, client, callerToken);
        }
        if (client.assertionFile() != null) {
            return jwtBearer(server, client);
        }
        return grantWithoutConsent(server, () -> builder(server, client, new ClientCredentialsGrant()), client.id(),
                client.authMethod());
    }

    /** A request of the host's own client: its secret, or an assertion its key signs for this server. */
    private static TokenRequest.Builder builder(AuthorizationServer server, ServiceClient client,
            AuthorizationGrant grant) {
        if (!client.authMethod().equals("private_key_jwt")) {
            return builder(server.tokenEndpoint(), new OAuthClient(client.id(), client.secret(), client.authMethod()),
                    grant);
        }
        try {
            return new TokenRequest.Builder(server.tokenEndpoint(), new PrivateKeyJWT(new JWTAuthenticationClaimsSet(
                    new ClientID(client.id()), new Audience(server.issuer())), client.key() instanceof ECPrivateKey
                            ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, client.key(), null, null), grant);
        } catch (JOSEException e) {
            throw new OAuthException("invalid_client_key", "the key of client " + client.id() + " cannot sign: "
                    + e.getMessage());
        }
    }

    private Grant jwtBearer(AuthorizationServer server, ServiceClient client) {
        SignedJWT assertion;
        try {
            assertion = SignedJWT.parse(Files.readString(client.assertionFile()).strip());
        } catch (IOException | java.text.ParseException e) {
            throw new OAuthException("invalid_assertion", "the workload token of client " + client.id()
                    + " cannot be read as a signed JWT from " + client.assertionFile());
        }
        return grantWithoutConsent(server, () -> builder(server.tokenEndpoint(), new OAuthClient(client.id(), null,
                "none"), new JWTBearerGrant(assertion)), client.id(), "none");
    }

    /**
     * Enterprise-managed authorization: the caller's token, exchanged at the caller's identity provider (RFC 8693)
     * for an identity assertion authorization grant naming the MCP server's authorization server and resource, which
     * the host's client there then redeems (RFC 7523).
     */
    private Grant enterprise(AuthorizationServer server, ServiceClient client, String callerToken) {
        if (callerToken == null) {
            throw new OAuthException("no_caller_token", "the caller presented no token of its own for the identity"
                    + " provider to exchange");
        }
        IdentityProvider idp = client.identityProvider();
        TokenExchangeGrant exchange = new TokenExchangeGrant(new TypelessToken(callerToken), TokenTypeURI.ID_TOKEN,
                null, null, ID_JAG, List.of(new Audience(server.issuer())));
        OAuthClient atIdp = new OAuthClient(idp.clientId(), idp.secret(),
                idp.secret() == null ? "none" : "client_secret_basic");
        TokenResponse answer = send(idp.tokenEndpoint(), scoped(() -> builder(idp.tokenEndpoint(), atIdp, exchange),
                server.scope()), server.indicator(), null);
        if (answer instanceof TokenErrorResponse refused) {
            throw refusal(refused, idp.tokenEndpoint());
        }
        AccessTokenResponse issued = (AccessTokenResponse) answer;
        Object type = issued.getCustomParameters().get("issued_token_type");
        if (type != null && !ID_JAG.getURI().toString().equals(type)) {
            throw new OAuthException("unsupported_token_type", "the identity provider at "
                    + idp.tokenEndpoint().getAuthority() + " issued " + type + " instead of an ID-JAG");
        }
        SignedJWT grant;
        try {
            grant = SignedJWT.parse(issued.getTokens().getAccessToken().getValue());
        } catch (java.text.ParseException e) {
            throw new OAuthException("invalid_assertion", "the identity provider at "
                    + idp.tokenEndpoint().getAuthority() + " issued an ID-JAG that is no signed JWT");
        }
        return grantWithoutConsent(server, () -> builder(server, client, new JWTBearerGrant(grant)), client.id(),
                client.authMethod());
    }

    /** Asks for the scope the server's metadata and challenge give; the grant keeps no client secret. */
    private Grant grantWithoutConsent(AuthorizationServer server, Supplier<TokenRequest.Builder> request,
            String clientId, String authMethod) {
        DpopKey key = server.dpop() ? DpopKey.generate() : null;
        return grant(send(server.tokenEndpoint(), scoped(request, server.scope()), server.indicator(), key), null,
                server.tokenEndpoint(), new OAuthClient(clientId, null, authMethod), server.indicator(), server.scope(),
                key);
    }

    private TokenResponse send(URI endpoint, OAuthClient client, AuthorizationGrant grant, URI resource,
            DpopKey key) {
        return send(endpoint, () -> builder(endpoint, client, grant), resource, key);
    }

    private static Supplier<TokenRequest.Builder> scoped(Supplier<TokenRequest.Builder> request, String scope) {
        return scope == null ? request : () -> request.get().scope(Scope.parse(scope));
    }

    private static TokenRequest.Builder builder(URI endpoint, OAuthClient client, AuthorizationGrant grant) {
        ClientAuthentication authentication = client.authentication();
        return authentication == null ? new TokenRequest.Builder(endpoint, new ClientID(client.id()), grant)
                : new TokenRequest.Builder(endpoint, authentication, grant);
    }

    /**
     * With a key, the request carries a proof of it, with the last nonce the server gave; a server that answers
     * {@code use_dpop_nonce} is asked once more with the nonce it gave (RFC 9449 §8).
     */
    private TokenResponse send(URI endpoint, Supplier<TokenRequest.Builder> request, URI resource, DpopKey key) {
        String last = key == null ? null : nonces.get(endpoint);
        HTTPResponse answer = http.send(proven(request.get().resource(resource).build(), key, last),
                "token endpoint");
        Nonce nonce = answer.getDPoPNonce();
        if (key != null && nonce != null) {
            nonces.put(endpoint, nonce.getValue());
            if (answer.getStatusCode() == 400 && !nonce.getValue().equals(last)
                    && "use_dpop_nonce".equals(errorCode(answer))) {
                // Built anew: a client's signed assertion must not be sent twice.
                answer = http.send(proven(request.get().resource(resource).build(), key, nonce.getValue()),
                        "token endpoint");
                Nonce next = answer.getDPoPNonce();
                if (next != null) {
                    nonces.put(endpoint, next.getValue());
                }
            }
        }
        try {
            return TokenResponse.parse(answer);
        } catch (ParseException e) {
            throw new OAuthException("invalid_token_response", "the token endpoint at " + endpoint.getAuthority()
                    + " answered with something else than a token response");
        }
    }

    /** The token type of an identity assertion authorization grant, which Nimbus does not name yet. */
    private static TokenTypeURI idJag() {
        try {
            return TokenTypeURI.parse("urn:ietf:params:oauth:token-type:id-jag");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OAuthException refusal(TokenErrorResponse refused, URI endpoint) {
        String code = refused.getErrorObject() == null || refused.getErrorObject().getCode() == null
                ? "http_" + (refused.getErrorObject() == null ? "error" : refused.getErrorObject().getHTTPStatusCode())
                : refused.getErrorObject().getCode();
        return new OAuthException(code, "the token endpoint at " + endpoint.getAuthority() + " answered " + code);
    }

    private static HTTPRequest proven(TokenRequest message, DpopKey key, String nonce) {
        HTTPRequest http = message.toHTTPRequest();
        if (key != null) {
            http.setDPoP(key.tokenRequestProof(message.getEndpointURI(), nonce));
        }
        return http;
    }

    private static String errorCode(HTTPResponse answer) {
        try {
            return TokenErrorResponse.parse(answer).getErrorObject().getCode();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param previousRefresh kept when a refresh answer brings no new refresh token (RFC 6749 §6)
     * @param key             the key the request proved it holds, if any; the grant keeps it when the tokens are
     *                        bound to it
     */
    private Grant grant(TokenResponse answer, String previousRefresh, URI endpoint, OAuthClient client,
            URI resource, String scope, DpopKey key) {
        if (answer instanceof TokenErrorResponse refused) {
            throw refusal(refused, endpoint);
        }
        AccessTokenResponse success = (AccessTokenResponse) answer;
        AccessToken access = success.getTokens().getAccessToken();
        boolean bound = AccessTokenType.DPOP.equals(access.getType());
        if (!AccessTokenType.BEARER.equals(access.getType()) && !(bound && key != null)) {
            throw new OAuthException("unsupported_token_type", "the token endpoint at " + endpoint.getAuthority()
                    + " issued a " + access.getType() + " token; only Bearer tokens, and DPoP tokens when asked"
                    + " for, are supported");
        }
        Instant expiresAt = access.getLifetime() > 0 ? clock.instant().plusSeconds(access.getLifetime()) : null;
        RefreshToken refresh = success.getTokens().getRefreshToken();
        return new Grant(access.getValue(), refresh == null ? previousRefresh : refresh.getValue(), expiresAt,
                endpoint, client, resource, access.getScope() == null ? scope : access.getScope().toString(),
                bound ? key : null);
    }
}
