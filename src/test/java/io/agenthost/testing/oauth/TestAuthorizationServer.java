package io.agenthost.testing.oauth;

import io.agenthost.testing.FormData;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.1 authorization server for tests of MCP clients, at {@code http://127.0.0.1:<port>} (its issuer):
 * <ul>
 * <li>{@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata, S256 only;</li>
 * <li>{@code POST /register}: dynamic client registration (RFC 7591), public clients;</li>
 * <li>{@code GET /authorize}: checks the client, redirect URI and PKCE challenge, then redirects at once to the
 * redirect URI with a code, as a user who consents would have it do;</li>
 * <li>{@code POST /token}: {@code authorization_code} (verifying the PKCE verifier and the {@code resource}),
 * {@code refresh_token} (rotating the refresh token), and enterprise-managed authorization's token exchange and JWT
 * bearer grants ({@link EnterpriseGrants});</li>
 * <li>{@code POST /introspect}: RFC 7662, for the resource servers that accept its tokens;</li>
 * <li>{@code GET /jwks}: the key that signs the JWTs of {@code POST /control/jwt?user=u[&seconds=n]}, the bearer tokens
 * an identity provider would give user {@code u} for a MicroProfile JWT server (see {@link TestJwtIssuer});</li>
 * <li>{@code POST /control/expire}: every access token issued so far stops being active;
 * {@code POST /control/revoke}: every refresh token issued so far is refused;
 * {@code POST /control/lifetime?seconds=n}: the {@code expires_in} of tokens issued from now on;
 * {@code GET /control/stats}: how many registrations, authorizations and grants of each type it served;
 * {@code GET /control/issued}: every access token, refresh token and JWT it ever handed out.</li>
 * </ul>
 * Errors are RFC 6749 §5.2 JSON ({@code {"error": "invalid_grant"}}); an authorize request it cannot redirect is a 400.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private record Client(List<String> redirectUris) {
    }

    private record Code(String clientId, String redirectUri, String challenge, String resource, String scope,
            Instant expiresAt) {
    }

    /** @param subject the user a token acts for, where the server knows it (enterprise grants); else null */
    private record Token(String clientId, String resource, String scope, Instant expiresAt, String subject) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final TestJwtIssuer jwts;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();
    /** Every token handed out, kept after it expires or is revoked: what must never show up anywhere else. */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> stats = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> subjects = new ConcurrentHashMap<>();
    private final EnterpriseGrants enterprise;
    private volatile long lifetimeSeconds = 3600;

    private TestAuthorizationServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
        this.jwts = new TestJwtIssuer(issuer());
        this.enterprise = new EnterpriseGrants(jwts, issuer());
    }

    /** Listens on {@code port}; 0 picks a free one. */
    public static TestAuthorizationServer start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(HOST, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "test-oauth");
            thread.setDaemon(true);
            return thread;
        });
        TestAuthorizationServer server = new TestAuthorizationServer(http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** {@code java io.agenthost.testing.oauth.TestAuthorizationServer <port>}; ends when standard input closes. */
    public static void main(String[] args) throws Exception {
        TestAuthorizationServer server = start(Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-oauth-stop"));
        System.out.println("TestAuthorizationServer ready: " + server.issuer());
        System.out.flush();
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
            // only the end of the input matters: the build that started this server is gone
        }
        System.exit(0);
    }

    public String issuer() {
        return "http://" + HOST + ":" + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** How many times it served one kind of request: register, authorize, authorization_code, refresh_token. */
    public int count(String what) {
        AtomicInteger count = stats.get(what);
        return count == null ? 0 : count.get();
    }

    public void expireAccessTokens() {
        accessTokens.replaceAll((token, t) -> new Token(t.clientId(), t.resource(), t.scope(), Instant.EPOCH,
                t.subject()));
    }

    /** Every refresh token issued so far is refused from now on, as after the user revoked the grant. */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    public void lifetime(long seconds) {
        lifetimeSeconds = seconds;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Map<String, String> query = FormData.parse(exchange.getRequestURI().getRawQuery());
            switch (route) {
                case "GET /.well-known/oauth-authorization-server" -> json(exchange, 200, metadata());
                case "POST /register" -> register(exchange, body);
                case "GET /authorize" -> authorize(exchange, query);
                case "POST /token" -> token(exchange, FormData.parse(body),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                case "POST /introspect" -> json(exchange, 200, introspect(FormData.parse(body).get("token")));
                case "GET /jwks" -> json(exchange, 200, jwts.jwks());
                case "POST /control/jwt" -> {
                    String jwt = jwts.sign(query.get("user"),
                            Duration.ofSeconds(Long.parseLong(query.getOrDefault("seconds", "3600"))));
                    issued.add(jwt);
                    enterprise.signedIn(jwt, query.get("user"));
                    text(exchange, 200, jwt);
                }
                case "GET /control/issued" -> {
                    JsonArrayBuilder all = Json.createArrayBuilder();
                    issued.forEach(all::add);
                    json(exchange, 200, Json.createObjectBuilder().add("tokens", all).build());
                }
                case "POST /control/expire" -> {
                    expireAccessTokens();
                    json(exchange, 200, statistics());
                }
                case "POST /control/revoke" -> {
                    revokeRefreshTokens();
                    json(exchange, 200, statistics());
                }
                case "POST /control/lifetime" -> {
                    lifetime(Long.parseLong(query.get("seconds")));
                    json(exchange, 200, statistics());
                }
                case "GET /control/stats" -> json(exchange, 200, statistics());
                default -> json(exchange, 404, error("not_found"));
            }
        } catch (RuntimeException e) {
            json(exchange, 500, error("server_error"));
        } finally {
            exchange.close();
        }
    }

    private JsonObject metadata() {
        String issuer = issuer();
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/authorize")
                .add("token_endpoint", issuer + "/token")
                .add("registration_endpoint", issuer + "/register")
                .add("introspection_endpoint", issuer + "/introspect")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("grant_types_supported", Json.createArrayBuilder().add("authorization_code").add("refresh_token")
                        .add(EnterpriseGrants.TOKEN_EXCHANGE).add(EnterpriseGrants.JWT_BEARER))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("none")
                        .add("client_secret_basic"))
                .add("scopes_supported", Json.createArrayBuilder().add("mcp"))
                .build();
    }

    private void register(HttpExchange exchange, String body) throws IOException {
        JsonObject request = Json.createReader(new StringReader(body)).readObject();
        JsonArray uris = request.getJsonArray("redirect_uris");
        if (uris == null || uris.isEmpty()) {
            json(exchange, 400, error("invalid_redirect_uri"));
            return;
        }
        String id = "client-" + random(12);
        clients.put(id, new Client(uris.getValuesAs(JsonString::getString)));
        bump("register");
        json(exchange, 201, Json.createObjectBuilder().add("client_id", id)
                .add("client_id_issued_at", Instant.now().getEpochSecond())
                .add("redirect_uris", uris).add("token_endpoint_auth_method", "none")
                .add("grant_types", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("response_types", Json.createArrayBuilder().add("code")).build());
    }

    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        Client client = clients.get(query.getOrDefault("client_id", ""));
        String redirect = query.get("redirect_uri");
        if (client == null || redirect == null || !client.redirectUris().contains(redirect)) {
            text(exchange, 400, "unknown client or redirect_uri");
            return;
        }
        if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || query.get("state") == null) {
            text(exchange, 400, "response_type=code, S256 PKCE and state are required");
            return;
        }
        String code = "code-" + random(24);
        codes.put(code, new Code(query.get("client_id"), redirect, query.get("code_challenge"),
                query.get("resource"), query.get("scope"), Instant.now().plusSeconds(60)));
        bump("authorize");
        String location = redirect + (URI.create(redirect).getRawQuery() == null ? "?" : "&") + "code="
                + encode(code) + "&state=" + encode(query.get("state")) + "&iss=" + encode(issuer());
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> form, String authorization) throws IOException {
        String grantType = form.getOrDefault("grant_type", "");
        if (grantType.equals(EnterpriseGrants.TOKEN_EXCHANGE) || grantType.equals(EnterpriseGrants.JWT_BEARER)) {
            enterpriseToken(exchange, form, authorization);
            return;
        }
        if (grantType.equals("authorization_code")) {
            Code code = codes.remove(form.getOrDefault("code", ""));
            if (code == null || code.expiresAt().isBefore(Instant.now())
                    || !code.clientId().equals(form.get("client_id"))
                    || !code.redirectUri().equals(form.get("redirect_uri"))
                    || !code.challenge().equals(challenge(form.getOrDefault("code_verifier", "")))
                    || code.resource() != null && !code.resource().equals(form.get("resource"))) {
                json(exchange, 400, error("invalid_grant"));
                return;
            }
            bump("authorization_code");
            json(exchange, 200, issue(code.clientId(), code.resource(), code.scope()));
        } else if (grantType.equals("refresh_token")) {
            Token refresh = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (refresh == null || !refresh.clientId().equals(form.get("client_id"))) {
                json(exchange, 400, error("invalid_grant"));
                return;
            }
            bump("refresh_token");
            json(exchange, 200, issue(refresh.clientId(), refresh.resource(), refresh.scope()));
        } else {
            json(exchange, 400, error("unsupported_grant_type"));
        }
    }

    private void enterpriseToken(HttpExchange exchange, Map<String, String> form, String authorization)
            throws IOException {
        if (form.get("grant_type").equals(EnterpriseGrants.TOKEN_EXCHANGE)) {
            Optional<String> grant = enterprise.exchange(form);
            if (grant.isEmpty()) {
                json(exchange, 400, error("invalid_grant"));
                return;
            }
            bump("token_exchange");
            issued.add(grant.get());
            json(exchange, 200, Json.createObjectBuilder().add("access_token", grant.get())
                    .add("issued_token_type", "urn:ietf:params:oauth:token-type:id-jag").add("token_type", "N_A")
                    .add("expires_in", 300).build());
            return;
        }
        Optional<EnterpriseGrants.Assertion> asserted = enterprise.redeem(form, authorization);
        if (asserted.isEmpty()) {
            json(exchange, 400, error("invalid_grant"));
            return;
        }
        bump("jwt_bearer");
        subjects.computeIfAbsent(asserted.get().user(), u -> new AtomicInteger()).incrementAndGet();
        JsonObject issuedTokens = issue(EnterpriseGrants.CLIENT_ID, asserted.get().resource(), form.get("scope"),
                asserted.get().user());
        json(exchange, 200, Json.createObjectBuilder(issuedTokens).remove("refresh_token").build());
    }

    private JsonObject issue(String clientId, String resource, String scope) {
        return issue(clientId, resource, scope, null);
    }

    private JsonObject issue(String clientId, String resource, String scope, String subject) {
        String access = "at-" + random(24);
        String refresh = "rt-" + random(24);
        long lifetime = lifetimeSeconds;
        accessTokens.put(access, new Token(clientId, resource, scope, Instant.now().plusSeconds(lifetime), subject));
        refreshTokens.put(refresh, new Token(clientId, resource, scope, Instant.MAX, subject));
        issued.add(access);
        issued.add(refresh);
        JsonObjectBuilder json = Json.createObjectBuilder().add("access_token", access).add("token_type", "Bearer")
                .add("expires_in", lifetime).add("refresh_token", refresh);
        if (scope != null) {
            json.add("scope", scope);
        }
        return json.build();
    }

    private JsonObject introspect(String token) {
        Token found = token == null ? null : accessTokens.get(token);
        if (found == null || !found.expiresAt().isAfter(Instant.now())) {
            return Json.createObjectBuilder().add("active", false).build();
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("active", true).add("client_id", found.clientId())
                .add("exp", found.expiresAt().getEpochSecond());
        if (found.resource() != null) {
            json.add("aud", found.resource());
        }
        if (found.subject() != null) {
            json.add("sub", found.subject());
        }
        return json.build();
    }

    private JsonObject statistics() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (String what : List.of("register", "authorize", "authorization_code", "refresh_token", "token_exchange",
                "jwt_bearer")) {
            json.add(what, count(what));
        }
        JsonObjectBuilder bySubject = Json.createObjectBuilder();
        subjects.forEach((user, count) -> bySubject.add(user, count.get()));
        json.add("jwt_bearer_subjects", bySubject);
        return json.add("lifetime", lifetimeSeconds).build();
    }

    private void bump(String what) {
        stats.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject error(String code) {
        return Json.createObjectBuilder().add("error", code).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, int status, JsonObject json) throws IOException {
        send(exchange, status, "application/json", json.toString());
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
