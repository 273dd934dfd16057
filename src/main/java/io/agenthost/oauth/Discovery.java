package io.agenthost.oauth;

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
 * of the {@code Bearer} challenge (else the well-known URI) gives the protected resource metadata (RFC 9728), whose
 * first {@code authorization_servers} entry gives the authorization server metadata (RFC 8414, or OpenID Connect
 * discovery). An authorization server that does not support PKCE with S256 is refused.
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
        Optional<WwwAuthenticate.Challenge> bearer = parsed.stream()
                .filter(c -> c.scheme().equalsIgnoreCase("Bearer")).findFirst();
        if (bearer.isEmpty() && !parsed.isEmpty()) {
            return Optional.empty();
        }
        URI resource = Resources.canonical(server);
        JsonObject metadata = resourceMetadata(resource, bearer.flatMap(c -> c.param("resource_metadata")));
        String issuer = firstAuthorizationServer(metadata);
        JsonObject as = authorizationServerMetadata(issuer);
        String scope = bearer.flatMap(c -> c.param("scope")).filter(s -> !s.isBlank())
                .orElseGet(() -> scopes(metadata));
        return Optional.of(new AuthorizationServer(issuer, endpoint(as, "authorization_endpoint", issuer, true),
                endpoint(as, "token_endpoint", issuer, true), endpoint(as, "registration_endpoint", issuer, false),
                scope, resource));
    }

    private JsonObject resourceMetadata(URI resource, Optional<String> advertised) {
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
        JsonObject metadata = first(candidates, "protected resource metadata");
        URI stated = absolute(string(metadata, "resource").orElseThrow(() -> new OAuthException("discovery_failed",
                "the protected resource metadata of " + resource + " names no resource")), "resource");
        // RFC 9728 §3.3: metadata about another resource must not be used for this one.
        if (!Resources.covers(stated, resource)) {
            throw new OAuthException("discovery_failed", "the protected resource metadata for " + resource
                    + " describes another resource, " + stated);
        }
        return metadata;
    }

    private static String firstAuthorizationServer(JsonObject metadata) {
        JsonValue servers = metadata.get("authorization_servers");
        if (servers instanceof JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonString issuer
                && !issuer.getString().isBlank()) {
            return issuer.getString();
        }
        throw new OAuthException("discovery_failed", "the protected resource metadata names no authorization server");
    }

    /** RFC 8414 §3.1 and the MCP order: OAuth metadata first, then OpenID Connect, path inserted then appended. */
    private JsonObject authorizationServerMetadata(String issuer) {
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
        JsonObject metadata = first(candidates, "authorization server metadata");
        String stated = string(metadata, "issuer").orElse("");
        // RFC 8414 §3.3: a mismatch means the metadata may be an impersonation.
        if (!stated.replaceAll("/+$", "").equals(issuer.replaceAll("/+$", ""))) {
            throw new OAuthException("discovery_failed", "the metadata of authorization server " + issuer
                    + " names another issuer, " + stated);
        }
        JsonValue methods = metadata.get("code_challenge_methods_supported");
        boolean s256 = methods instanceof JsonArray list && list.stream()
                .anyMatch(m -> m instanceof JsonString s && s.getString().equals(Pkce.METHOD));
        if (!s256) {
            throw new OAuthException("pkce_unsupported", "authorization server " + issuer
                    + " does not list S256 in code_challenge_methods_supported");
        }
        return metadata;
    }

    private JsonObject first(List<URI> candidates, String what) {
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            OAuthHttp.Reply reply = http.get(candidate, what);
            if (reply.ok()) {
                return reply.json();
            }
            tried.add(candidate.getRawPath() + " (HTTP " + reply.status() + (reply.json() == null && reply.status()
                    == 200 ? ", not JSON" : "") + ")");
        }
        throw new OAuthException("discovery_failed", "no " + what + " at " + candidates.get(0).getAuthority()
                + ": tried " + String.join(", ", tried));
    }

    private URI endpoint(JsonObject metadata, String name, String issuer, boolean required) {
        Optional<String> value = string(metadata, name);
        if (value.isEmpty()) {
            if (required) {
                throw new OAuthException("discovery_failed", "authorization server " + issuer + " has no " + name);
            }
            return null;
        }
        URI url = absolute(value.get(), name);
        if (!name.equals("authorization_endpoint")) {
            http.check(url, name + " of " + issuer);
        }
        return url;
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
