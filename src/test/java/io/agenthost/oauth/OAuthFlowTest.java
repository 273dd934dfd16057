package io.agenthost.oauth;

import io.agenthost.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.McpAuthorizationException;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import io.agenthost.store.OAuthRecord;
import io.agenthost.testing.mcp.TestMcpServer;
import io.agenthost.testing.oauth.TestAuthorizationServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP authorization from end to end, in process: an MCP server that needs tokens of a test authorization server, the
 * host's connection to it, the consent link, the callback, and the refreshes, with the OAuth state in memory.
 */
class OAuthFlowTest {

    private static final McpClientSettings SETTINGS = new McpClientSettings("oauth-test", "1", Duration.ofSeconds(5),
            Duration.ofSeconds(10), RetryPolicy.NONE);
    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/oauth/callback");
    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static TestAuthorizationServer authorizationServer;
    private static TestMcpServer mcp;

    private final MemoryOAuthRepository repository = new MemoryOAuthRepository();
    private final TestClock clock = new TestClock();
    private final SecureRandom random = new SecureRandom();
    private final ServerUrlPolicy policy = new ServerUrlPolicy(true);
    private final OAuthHttp http = new OAuthHttp(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build(), policy, Duration.ofSeconds(5));
    private final OAuthVault vault = new OAuthVault(repository,
            new TokenCipher(new SecretKeySpec(new byte[32], "AES"), random), clock);
    private final OAuthTokens tokens = new OAuthTokens(vault, http, Duration.ofSeconds(60), clock);
    private final OAuthSettings settings = new OAuthSettings(REDIRECT, null, null, "agent-host-test", Map.of(),
            Map.of(), null, Optional.empty(), Path.of("unused"), Duration.ofMinutes(10), Duration.ofSeconds(60),
            Duration.ofSeconds(5));
    private final AuthorizationFlow flow = new AuthorizationFlow(settings, vault, tokens, http, policy, clock);
    private final OAuthAuthorization authorization = new OAuthAuthorization(tokens, flow,
            new ServiceAuthorization(settings, tokens, http, clock));
    private final RunTokens runTokens = new RunTokens(List.of(tokens), clock);

    @BeforeAll
    static void start() throws Exception {
        authorizationServer = TestAuthorizationServer.start(0);
        mcp = TestMcpServer.builder().name("protected").authorizedBy(authorizationServer.issuer()).start();
    }

    @AfterAll
    static void stop() {
        mcp.close();
        authorizationServer.close();
    }

    @Test
    void a401LeadsToAConsentLinkWhoseCallbackLetsTheRunIn() throws Exception {
        RunScope ada = run("ada");
        try (RunContext.Entered entered = RunContext.enter(ada)) {
            McpAuthorizationException denied = assertThrows(McpAuthorizationException.class, this::open);
            assertEquals(401, denied.httpStatus());
            assertEquals(URI.create(mcp.url()), denied.server());

            String link = flow.consentLink(ada, target(), denied.challenges()).orElseThrow();

            assertTrue(link.startsWith(authorizationServer.issuer() + "/authorize?"), link);
            Map<String, String> query = query(URI.create(link).getRawQuery());
            assertEquals("code", query.get("response_type"));
            assertEquals("S256", query.get("code_challenge_method"));
            assertEquals(43, query.get("code_challenge").length());
            assertEquals(43, query.get("state").length());
            assertEquals(REDIRECT.toString(), query.get("redirect_uri"));
            assertEquals(mcp.url(), query.get("resource"));
            assertEquals("mcp", query.get("scope"));
            assertTrue(query.get("client_id").startsWith("client-"));
            assertEquals(1, repository.ofKind("pending").size());

            Map<String, String> callback = consent(link);
            flow.complete(callback.get("code"), callback.get("state"), callback.get("iss"));

            assertTrue(repository.ofKind("pending").isEmpty());
            OAuthRecord grant = repository.ofKind("grant").get(0);
            assertFalse(grant.payload().contains("at-") || grant.payload().contains("rt-"), "sealed at rest");
            assertFalse(grant.id().contains("ada"));
            try (McpConnection connection = open()) {
                assertEquals("3", connection.call("add", "{\"a\":1,\"b\":2}").output());
                assertTrue(connection.call("whoami", "{}").output().startsWith("Bearer at-"));
            }
        }
    }

    @Test
    void aStateIsGoodOnceAndOnlyUntilItExpires() throws Exception {
        RunScope ada = run("ada");
        Map<String, String> first = consent(flow.consentLink(ada, target(), challenges()).orElseThrow());
        flow.complete(first.get("code"), first.get("state"), first.get("iss"));

        assertEquals("invalid_state", assertThrows(OAuthException.class,
                () -> flow.complete(first.get("code"), first.get("state"), first.get("iss"))).code());

        Map<String, String> late = consent(flow.consentLink(ada, target(), challenges()).orElseThrow());
        clock.advance(Duration.ofMinutes(11));
        assertEquals("invalid_state", assertThrows(OAuthException.class,
                () -> flow.complete(late.get("code"), late.get("state"), late.get("iss"))).code());
    }

    @Test
    void anAnswerNamingAnotherIssuerIsRefusedAndSpendsTheState() throws Exception {
        Map<String, String> callback = consent(flow.consentLink(run("ada"), target(), challenges()).orElseThrow());

        assertEquals("invalid_issuer", assertThrows(OAuthException.class, () -> flow.complete(callback.get("code"),
                callback.get("state"), "https://evil.example")).code());
        assertEquals("invalid_state", assertThrows(OAuthException.class, () -> flow.complete(callback.get("code"),
                callback.get("state"), authorizationServer.issuer())).code(), "a mix-up gets one try");
        assertTrue(repository.ofKind("grant").isEmpty());
    }

    @Test
    void anAnswerNamingItsIssuerExactlyIsTaken() throws Exception {
        Map<String, String> callback = consent(flow.consentLink(run("ada"), target(), challenges()).orElseThrow());

        flow.complete(callback.get("code"), callback.get("state"), authorizationServer.issuer());

        assertEquals(1, repository.ofKind("grant").size());
    }

    @Test
    void aUsersTokensServeThatUserOnly() throws Exception {
        consentAs(run("ada"));

        try (RunContext.Entered entered = RunContext.enter(run("bob"))) {
            assertEquals(401, assertThrows(McpAuthorizationException.class, this::open).httpStatus());
        }
        try (RunContext.Entered entered = RunContext.enter(run(null))) {
            assertEquals(401, assertThrows(McpAuthorizationException.class, this::open).httpStatus());
        }
        try (RunContext.Entered entered = RunContext.enter(run("ada")); McpConnection connection = open()) {
            assertEquals("5", connection.call("add", "{\"a\":2,\"b\":3}").output());
        }
    }

    @Test
    void aTokenTheServerRefusesIsRefreshedAndTheRequestSentAgain() throws Exception {
        consentAs(run("ada"));
        try (RunContext.Entered entered = RunContext.enter(run("ada")); McpConnection connection = open()) {
            String before = connection.call("whoami", "{}").output();
            int refreshes = authorizationServer.count("refresh_token");

            authorizationServer.expireAccessTokens();
            String after = connection.call("whoami", "{}").output();

            assertEquals(refreshes + 1, authorizationServer.count("refresh_token"));
            assertTrue(after.startsWith("Bearer at-"), after);
            assertNotEquals(before, after);
        }
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeItIsSent() throws Exception {
        consentAs(run("ada"));
        try (RunContext.Entered entered = RunContext.enter(run("ada")); McpConnection connection = open()) {
            String before = connection.call("whoami", "{}").output();
            int refreshes = authorizationServer.count("refresh_token");

            clock.advance(Duration.ofSeconds(3600 - 30));
            String after = connection.call("whoami", "{}").output();

            assertEquals(refreshes + 1, authorizationServer.count("refresh_token"));
            assertNotEquals(before, after);
            assertEquals(after, connection.call("whoami", "{}").output(), "refreshed once, then kept");
        }
    }

    @Test
    void aGrantThatCanNoLongerBeRefreshedIsDroppedSoTheUserIsAskedAgain() throws Exception {
        consentAs(run("ada"));
        authorizationServer.expireAccessTokens();
        authorizationServer.revokeRefreshTokens();

        try (RunContext.Entered entered = RunContext.enter(run("ada"))) {
            McpAuthorizationException denied = assertThrows(McpAuthorizationException.class, this::open);
            assertTrue(repository.ofKind("grant").isEmpty());
            assertTrue(flow.consentLink(run("ada"), target(), denied.challenges()).isPresent());
        }
    }

    @Test
    void aRequestsOwnAuthorizationWinsOverAKeptToken() throws Exception {
        consentAs(run("ada"));
        RunScope withOwn = new RunScope("run_own", "assistant", "ada", Map.of("prot", "own-token"));

        assertEquals("own-token", runTokens.token(withOwn, target()).orElseThrow().value());
        assertNotEquals("own-token", runTokens.token(run("ada"), target()).orElseThrow().value());
        assertTrue(authorization.consentLink(withOwn, target(), challenges()).isEmpty(),
                "its own token would still be sent after a consent");
    }

    private void consentAs(RunScope run) throws Exception {
        Map<String, String> callback = consent(flow.consentLink(run, target(), challenges()).orElseThrow());
        flow.complete(callback.get("code"), callback.get("state"), callback.get("iss"));
    }

    /** The challenge the protected server answers with, as a first request without a token gets it. */
    private List<String> challenges() {
        try (RunContext.Entered entered = RunContext.enter(run("nobody"))) {
            return assertThrows(McpAuthorizationException.class, this::open).challenges();
        }
    }

    /** What a user's browser does: opens the link and is sent to the redirect URI with a code and the state. */
    private static Map<String, String> consent(String link) throws Exception {
        HttpResponse<String> answer = BROWSER.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode(), answer.body());
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(REDIRECT + "?"), location.toString());
        return query(location.getRawQuery());
    }

    private McpConnection open() {
        return McpConnection.open(new McpEndpoint("request server prot", URI.create(mcp.url()), (request, run) ->
                run == null ? Map.of() : runTokens.token(run, new McpTarget(McpTarget.Kind.REQUEST_SERVER, "prot",
                        request.uri())).map(token -> Map.of("Authorization", "Bearer " + token.value())).orElse(Map.of())),
                SETTINGS, authorization);
    }

    private static McpTarget target() {
        return new McpTarget(McpTarget.Kind.REQUEST_SERVER, "prot", URI.create(mcp.url()));
    }

    private static RunScope run(String principal) {
        return new RunScope("run_" + Base64.getUrlEncoder().encodeToString(new byte[6]), "assistant", principal,
                Map.of());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
