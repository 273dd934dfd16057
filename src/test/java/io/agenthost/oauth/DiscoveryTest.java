package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunScope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against metadata that a test serves as it likes, the wrong kinds included. */
class DiscoveryTest {

    private record Answer(int status, String body, String location) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ServerUrlPolicy policy = new ServerUrlPolicy(true);
    private HttpServer stub;
    private String base;
    private Discovery discovery;

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, "{}", null));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        base = "http://127.0.0.1:" + stub.getAddress().getPort();
        discovery = new Discovery(new OAuthHttp(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .build(), policy, Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    private void serve(String path, String json) {
        answers.put(path, new Answer(200, json, null));
    }

    private void resource(String path, String resource) {
        serve(path, "{\"resource\":\"" + resource + "\",\"authorization_servers\":[\"" + base + "/as\"],"
                + "\"scopes_supported\":[\"read\",\"write\"]}");
    }

    private void authorizationServer(String path, String issuer, String methods) {
        serve(path, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/authorize\","
                + "\"token_endpoint\":\"" + base + "/token\",\"code_challenge_methods_supported\":" + methods + "}");
    }

    private URI server() {
        return URI.create(base + "/mcp");
    }

    @Test
    void withoutResourceMetadataInTheChallengeTheWellKnownUrisAreTried() {
        resource("/.well-known/oauth-protected-resource", base + "/mcp");
        authorizationServer("/.well-known/oauth-authorization-server/as", base + "/as", "[\"plain\",\"S256\"]");

        AuthorizationServer found = discovery.discover(server(), List.of("Bearer realm=\"mcp\"")).orElseThrow();

        assertEquals(base + "/as", found.issuer());
        assertEquals(URI.create(base + "/token"), found.tokenEndpoint());
        assertNull(found.registrationEndpoint());
        assertEquals("read write", found.scope());
        assertEquals(server(), found.resource());
    }

    @Test
    void theChallengesScopeWinsAndOpenIdConnectDiscoveryIsTheFallback() {
        resource("/meta", base + "/mcp");
        authorizationServer("/as/.well-known/openid-configuration", base + "/as", "[\"S256\"]");

        AuthorizationServer found = discovery.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\", scope=\"files\"")).orElseThrow();

        assertEquals("files", found.scope());
        assertEquals(URI.create(base + "/authorize"), found.authorizationEndpoint());
    }

    /** A server of bearer tokens refuses the DPoP scheme: tokens are bound only where the MCP server asks for it. */
    @Test
    void tokensAreDpopBoundOnlyWhereTheMcpServerAsksAndTheAuthorizationServerCan() {
        resource("/meta", base + "/mcp");
        serve("/.well-known/oauth-authorization-server/as", "{\"issuer\":\"" + base + "/as\","
                + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                + "\"code_challenge_methods_supported\":[\"S256\"],\"dpop_signing_alg_values_supported\":[\"ES256\"]}");
        String metadata = "resource_metadata=\"" + base + "/meta\"";

        assertFalse(discovery.discover(server(), List.of("Bearer " + metadata)).orElseThrow().dpop());
        assertTrue(discovery.discover(server(), List.of("DPoP " + metadata)).orElseThrow().dpop());

        serve("/meta", "{\"resource\":\"" + base + "/mcp\",\"authorization_servers\":[\"" + base + "/as\"],"
                + "\"dpop_bound_access_tokens_required\":true}");
        assertTrue(discovery.discover(server(), List.of("Bearer " + metadata)).orElseThrow().dpop());

        authorizationServer("/.well-known/oauth-authorization-server/as", base + "/as", "[\"S256\"]");
        assertFalse(discovery.discover(server(), List.of("DPoP " + metadata)).orElseThrow().dpop(),
                "an authorization server that cannot bind tokens gives bearer ones");
    }

    @Test
    void anAuthorizationServerWithoutS256IsRefused() {
        resource("/meta", base + "/mcp");
        authorizationServer("/.well-known/oauth-authorization-server/as", base + "/as", "[\"plain\"]");

        assertEquals("pkce_unsupported", assertThrows(OAuthException.class, () -> discovery.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\""))).code());
    }

    @Test
    void metadataOfAnotherResourceOrIssuerIsRefused() {
        resource("/meta", "https://elsewhere.example/mcp");
        OAuthException other = assertThrows(OAuthException.class, () -> discovery.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\"")));
        assertTrue(other.getMessage().contains("another resource"), other.getMessage());

        resource("/meta", base + "/mcp");
        authorizationServer("/.well-known/oauth-authorization-server/as", "https://impostor.example", "[\"S256\"]");
        OAuthException issuer = assertThrows(OAuthException.class, () -> discovery.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\"")));
        assertTrue(issuer.getMessage().contains("another issuer"), issuer.getMessage());
    }

    @Test
    void redirectsAreNotFollowed() {
        answers.put("/meta", new Answer(302, "{}", base + "/real"));
        resource("/real", base + "/mcp");

        OAuthException failure = assertThrows(OAuthException.class, () -> discovery.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\"")));
        assertTrue(failure.getMessage().contains("HTTP 302"), failure.getMessage());
    }

    @Test
    void metadataUrlsAreCheckedLikeMcpServerUrls() {
        OAuthException linkLocal = assertThrows(OAuthException.class, () -> discovery.discover(server(),
                List.of("Bearer resource_metadata=\"http://169.254.169.254/latest/meta-data\"")));
        assertEquals("url_refused", linkLocal.code());

        Discovery strict = new Discovery(new OAuthHttp(HttpClient.newHttpClient(), new ServerUrlPolicy(false),
                Duration.ofSeconds(5)));
        assertEquals("url_refused", assertThrows(OAuthException.class, () -> strict.discover(server(),
                List.of("Bearer resource_metadata=\"" + base + "/meta\""))).code());
    }

    @Test
    void anAnswerThatAsksForAnotherSchemeIsNoOAuth() {
        assertTrue(discovery.discover(server(), List.of("Basic realm=\"x\"")).isEmpty());
    }

    @Test
    void aConsentLinkMustBeHttpsOrLoopbackWhenThatIsAllowed() {
        resource("/meta", base + "/mcp");
        serve("/.well-known/oauth-authorization-server/as", "{\"issuer\":\"" + base + "/as\","
                + "\"authorization_endpoint\":\"http://login.example.com/authorize\",\"token_endpoint\":\"" + base
                + "/token\",\"registration_endpoint\":\"" + base + "/register\","
                + "\"code_challenge_methods_supported\":[\"S256\"]}");
        serve("/register", "{\"client_id\":\"c1\"}");
        OAuthHttp http = new OAuthHttp(HttpClient.newHttpClient(), policy, Duration.ofSeconds(5));
        OAuthVault vault = new OAuthVault(new MemoryOAuthRepository(),
                new TokenCipher(new SecretKeySpec(new byte[16], "AES"), new SecureRandom()), Clock.systemUTC());
        AuthorizationFlow flow = new AuthorizationFlow(new OAuthSettings(URI.create("https://agents.example/oauth/callback"),
                null, null, "t", Map.of(), Map.of(), null, Optional.empty(), Path.of("k"), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(5)), vault, new OAuthTokens(vault, http, Duration.ofMinutes(1), Clock.systemUTC()),
                http, policy, Clock.systemUTC());
        RunScope run = new RunScope("run_1", "a", null, Map.of());
        McpTarget target = new McpTarget(McpTarget.Kind.REQUEST_SERVER, "s", server());
        List<String> challenge = List.of("Bearer resource_metadata=\"" + base + "/meta\"");

        assertTrue(flow.consentLink(run, target, challenge).isEmpty(), "plain http off loopback");

        serve("/.well-known/oauth-authorization-server/as", "{\"issuer\":\"" + base + "/as\","
                + "\"authorization_endpoint\":\"https://login.example.com/authorize?tenant=t\",\"token_endpoint\":\""
                + base + "/token\",\"registration_endpoint\":\"" + base + "/register\","
                + "\"code_challenge_methods_supported\":[\"S256\"]}");
        String link = flow.consentLink(run, target, challenge).orElseThrow();
        assertTrue(link.startsWith("https://login.example.com/authorize?"), link);
        List<String> query = List.of(URI.create(link).getRawQuery().split("&"));
        assertTrue(query.containsAll(List.of("tenant=t", "response_type=code", "client_id=c1")), link);
    }
}
