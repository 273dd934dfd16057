package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agenthost.mcp.ServerUrlPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token requests against a token endpoint of this test that wants DPoP proofs with its nonce (RFC 9449 §8). */
class TokenRequestsTest {

    private HttpServer server;
    private volatile String serverNonce = "nonce-1";
    private final List<String> proofNonces = new ArrayList<>();

    private final TokenRequests requests = new TokenRequests(new OAuthHttp(HttpClient.newHttpClient(),
            new ServerUrlPolicy(true), Duration.ofSeconds(5)), Clock.systemUTC());
    private final ServiceClient client = new ServiceClient("host", "host-secret", "client_secret_basic", null, null);
    private AuthorizationServer as;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.start();
        as = authorizationServer();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theServersNonceIsKeptForTheNextTokenRequest() {
        Grant first = requests.withoutConsent(as, client, null);
        Grant second = requests.withoutConsent(as, client, null);

        assertEquals("token-2", first.accessToken());
        assertEquals("token-3", second.accessToken());
        assertEquals(List.of("none", "nonce-1", "nonce-1"), proofNonces,
                "the second grant's request carries the nonce at once, with no refusal first");
    }

    @Test
    void aNonceThatChangedIsLearntFromTheRefusalAndTriedOnce() {
        requests.withoutConsent(as, client, null);
        serverNonce = "nonce-2";

        requests.withoutConsent(as, client, null);

        assertEquals(List.of("none", "nonce-1", "nonce-1", "nonce-2"), proofNonces);
    }

    private AuthorizationServer authorizationServer() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new AuthorizationServer(base, URI.create(base + "/authorize"), URI.create(base + "/token"), null, null,
                URI.create("http://127.0.0.1:1/mcp"), URI.create("http://127.0.0.1:1/mcp"), false, false,
                List.of("client_secret_basic"), true);
    }

    private void token(HttpExchange exchange) throws IOException {
        String nonce;
        try {
            Object claim = SignedJWT.parse(exchange.getRequestHeaders().getFirst("DPoP")).getJWTClaimsSet()
                    .getClaim("nonce");
            nonce = claim == null ? "none" : claim.toString();
        } catch (ParseException | NullPointerException e) {
            nonce = "no proof";
        }
        String body;
        int status;
        synchronized (proofNonces) {
            proofNonces.add(nonce);
            if (nonce.equals(serverNonce)) {
                status = 200;
                body = "{\"access_token\":\"token-" + proofNonces.size() + "\",\"token_type\":\"DPoP\","
                        + "\"expires_in\":60}";
            } else {
                status = 400;
                body = "{\"error\":\"use_dpop_nonce\",\"error_description\":\"a nonce is needed\"}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("DPoP-Nonce", serverNonce);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
