package io.agenthost.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * From an MCP server's 401 to its authorization server, as MCP authorization prescribes: the {@code resource_metadata}
 * of the {@code Bearer} (or {@code DPoP}) challenge (else the well-known URI) gives the protected resource metadata (RFC 9728), whose
 * first {@code authorization_servers} entry gives the authorization server metadata (RFC 8414, or OpenID Connect
 * discovery, parsed by Nimbus). An authorization server that does not support PKCE with S256 is refused.
 *
 * <p>A server of MCP 2025-03-26 has no protected resource metadata: when the challenge names none and neither
 * well-known URI has any, the MCP server's origin is its authorization server, whose metadata is looked for there,
 * and without metadata its endpoints are the default {@code /authorize}, {@code /token} and {@code /register}.
 */
final class Discovery {

    private static final String RESOURCE_WELL_KNOWN = "/.well-known/oauth-protected-resource";
    private static final String OAUTH_WELL_KNOWN = "/.well-known/oauth-authorization-server";
    private static final String OIDC_WELL_KNOWN = "/.well-known/openid-configuration";

    private final OAuthHttp http;

    Discovery(OAuthHttp http) {
        this.http = http;
    }

    /**
     * Empty when the answer does not ask for OAuth (its challenges name another scheme only); throws
     * {@link OAuthException} when it does but the metadata cannot be had or is not usable.
     */
    Optional<AuthorizationServer> discover(URI server, List<String> challenges) {
        List<WwwAuthenticate.Challenge> parsed = WwwAuthenticate.parse(challenges);
        Optional<WwwAuthenticate.Challenge> challenge = WwwAuthenticate.tokenChallenge(parsed);
        if (challenge.isEmpty() && !parsed.isEmpty()) {
            return Optional.empty();
        }
        URI resource = Resources.canonical(server);
        Optional<String> advertised = challenge.flatMap(c -> c.param("resource_metadata"));
        Optional<JsonObject> described = resourceMetadata(resource, advertised);
        String challenged = challenge.flatMap(c -> c.param("scope")).filter(s -> !s.isBlank()).orElse(null);
        boolean dpopChallenge = challenge.filter(c -> c.scheme().equalsIgnoreCase("DPoP")).isPresent();
        if (described.isEmpty()) {
            String origin = origin(resource).toString();
            Optional<AuthorizationServerMetadata> metadata = authorizationServerMetadata(origin, true);
            return Optional.of(metadata.map(as -> server(as, origin, challenged, resource, resource, true,
                    dpopChallenge)).orElseGet(() -> defaults(origin, challenged, resource)));
        }
        JsonObject prm = described.get();
        String issuer = firstAuthorizationServer(prm);
        AuthorizationServerMetadata as = authorizationServerMetadata(issuer, false).orElseThrow(() ->
                new OAuthException("discovery_failed", "no authorization server metadata for " + issuer));
        URI indicator = absolute(string(prm, "resource").orElseThrow(), "resource");
        return Optional.of(server(as, issuer, challenged == null ? scopes(prm) : challenged, resource, indicator,
                false, dpopChallenge || prm.getBoolean("dpop_bound_access_tokens_required", false)));
    }

    /**
     * @param dpopAsked whether the MCP server asks for DPoP-bound tokens (its challenge's scheme, or its metadata's
     *                  {@code dpop_bound_access_tokens_required}): an authorization server that can bind tokens binds
     *                  them only then, since a server of bearer tokens refuses the {@code DPoP} scheme
     */
    private AuthorizationServer server(AuthorizationServerMetadata as, String issuer, String scope, URI resource,
            URI indicator, boolean legacy, boolean dpopAsked) {
        boolean s256 = as.getCodeChallengeMethods() != null
                && as.getCodeChallengeMethods().contains(CodeChallengeMethod.S256);
        // MCP has required PKCE since 2025-03-26; only servers of that revision may leave the method unsaid.
        if (!s256 && !(legacy && as.getCodeChallengeMethods() == null)) {
            throw new OAuthException("pkce_unsupported", "authorization server " + issuer
                    + " does not list S256 in code_challenge_methods_supported");
        }
        List<String> methods = as.getTokenEndpointAuthMethods() == null ? List.of()
                : as.getTokenEndpointAuthMethods().stream().map(ClientAuthenticationMethod::getValue).toList();
        return new AuthorizationServer(issuer, required(as.getAuthorizationEndpointURI(), "authorization_endpoint",
                issuer), checked(required(as.getTokenEndpointURI(), "token_endpoint", issuer), "token_endpoint", issuer),
                as.getRegistrationEndpointURI() == null ? null
                        : checked(as.getRegistrationEndpointURI(), "registration_endpoint", issuer),
                scope, resource, indicator, as.supportsAuthorizationResponseIssuerParam(),
                Boolean.TRUE.equals(as.getCustomParameter("client_id_metadata_document_supported")), methods,
                dpopAsked && as.getDPoPJWSAlgs() != null && as.getDPoPJWSAlgs().contains(DpopKey.ALGORITHM));
    }

    /** MCP 2025-03-26's endpoints of an authorization server without metadata, at the MCP server's origin. */
    private AuthorizationServer defaults(String origin, String scope, URI resource) {
        URI base = URI.create(origin);
        return new AuthorizationServer(origin, base.resolve("/authorize"),
                checked(base.resolve("/token"), "token_endpoint", origin),
                checked(base.resolve("/register"), "registration_endpoint", origin), scope, resource, resource, false,
                false, List.of(), false);
    }

    /**
     * The protected resource metadata; empty when the challenge names none and neither well-known URI has any (a
     * server of MCP 2025-03-26). Metadata that is there but not usable is refused, as is an advertised URL that has
     * none.
     */
    private Optional<JsonObject> resourceMetadata(URI resource, Optional<String> advertised) {
        List<URI> candidates = new ArrayList<>();
        if (advertised.isPresent()) {
            candidates.add(absolute(advertised.get(), "resource_metadata"));
        } else {
            String path = resource.getRawPath() == null ? "" : resource.getRawPath();
            if (!path.isEmpty() && !path.equals("/")) {
                candidates.add(origin(resource).resolve(RESOURCE_WELL_KNOWN + path));
            }
            candidates.add(origin(resource).resolve(RESOURCE_WELL_KNOWN));
        }
        Optional<JsonObject> found = first(candidates, "protected resource metadata", advertised.isEmpty());
        if (found.isEmpty()) {
            return found;
        }
        JsonObject metadata = found.get();
        URI stated = absolute(string(metadata, "resource").orElseThrow(() -> new OAuthException("discovery_failed",
                "the protected resource metadata of " + resource + " names no resource")), "resource");
        // RFC 9728 §3.3: metadata about another resource must not be used for this one.
        if (!Resources.covers(stated, resource)) {
            throw new OAuthException("discovery_failed", "the protected resource metadata for " + resource
                    + " describes another resource, " + stated);
        }
        return found;
    }

    private static String firstAuthorizationServer(JsonObject metadata) {
        JsonValue servers = metadata.get("authorization_servers");
        if (servers instanceof JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonString issuer
                && !issuer.getString().isBlank()) {
            return issuer.getString();
        }
        throw new OAuthException("discovery_failed", "the protected resource metadata names no authorization server");
    }

    /**
     * RFC 8414 §3.1 and the MCP order: OAuth metadata first, then OpenID Connect, path inserted then appended. The
     * metadata must name exactly the issuer it was looked up for (RFC 8414 §3.3: else it may be an impersonation).
     *
     * @param optional whether finding none is an answer (MCP 2025-03-26) rather than a failure
     */
    private Optional<AuthorizationServerMetadata> authorizationServerMetadata(String issuer, boolean optional) {
        URI id = absolute(issuer, "authorization server");
        if (id.getRawQuery() != null || id.getRawFragment() != null) {
            throw new OAuthException("discovery_failed", "the authorization server identifier " + issuer
                    + " has a query or fragment");
        }
        String path = id.getRawPath() == null ? "" : id.getRawPath().replaceAll("/+$", "");
        URI origin = origin(id);
        List<URI> candidates = path.isEmpty()
                ? List.of(origin.resolve(OAUTH_WELL_KNOWN), origin.resolve(OIDC_WELL_KNOWN))
                : List.of(origin.resolve(OAUTH_WELL_KNOWN + path), origin.resolve(OIDC_WELL_KNOWN + path),
                        origin.resolve(path + OIDC_WELL_KNOWN));
        Optional<JsonObject> found = first(candidates, "authorization server metadata", optional);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuthorizationServerMetadata metadata;
        try {
            metadata = AuthorizationServerMetadata.parse(found.get().toString());
        } catch (ParseException e) {
            throw new OAuthException("discovery_failed", "the metadata of authorization server " + issuer
                    + " is not valid: " + e.getMessage());
        }
        String stated = metadata.getIssuer() == null ? "" : metadata.getIssuer().getValue();
        if (!stated.equals(issuer)) {
            throw new OAuthException("discovery_failed", "the metadata of authorization server " + issuer
                    + " names another issuer, " + stated);
        }
        return Optional.of(metadata);
    }

    private static URI required(URI endpoint, String name, String issuer) {
        if (endpoint == null) {
            throw new OAuthException("discovery_failed", "authorization server " + issuer + " has no " + name);
        }
        return endpoint;
    }

    private URI checked(URI endpoint, String name, String issuer) {
        URI url = absolute(endpoint.toString(), name);
        http.check(url, name + " of " + issuer);
        return url;
    }

    /** The first candidate that answers with JSON; empty when every one answers 404 and that may be so. */
    private Optional<JsonObject> first(List<URI> candidates, String what, boolean mayBeAbsent) {
        List<String> tried = new ArrayList<>();
        boolean allAbsent = true;
        for (URI candidate : candidates) {
            OAuthHttp.Reply reply = http.get(candidate, what);
            if (reply.ok()) {
                return Optional.of(reply.json());
            }
            allAbsent &= reply.status() == 404;
            tried.add(candidate.getRawPath() + " (HTTP " + reply.status() + (reply.json() == null && reply.status()
                    == 200 ? ", not JSON" : "") + ")");
        }
        if (mayBeAbsent && allAbsent) {
            return Optional.empty();
        }
        throw new OAuthException("discovery_failed", "no " + what + " at " + candidates.get(0).getAuthority()
                + ": tried " + String.join(", ", tried));
    }

    private static String scopes(JsonObject metadata) {
        JsonValue supported = metadata.get("scopes_supported");
        if (supported instanceof JsonArray list && !list.isEmpty()) {
            String joined = list.stream().filter(JsonString.class::isInstance).map(s -> ((JsonString) s).getString())
                    .filter(s -> !s.isBlank() && !s.contains(" ")).collect(Collectors.joining(" "));
            return joined.isEmpty() ? null : joined;
        }
        return null;
    }

    private static Optional<String> string(JsonObject json, String name) {
        return json.get(name) instanceof JsonString value && !value.getString().isBlank()
                ? Optional.of(value.getString()) : Optional.empty();
    }

    private static URI absolute(String text, String what) {
        try {
            URI uri = new URI(text.trim());
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new OAuthException("discovery_failed", what + " is not an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OAuthException("discovery_failed", what + " is not a valid URL");
        }
    }

    private static URI origin(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }
}
