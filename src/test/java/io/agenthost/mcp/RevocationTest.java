package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agenthost.testing.mcp.TestMcpServer;
import io.agenthost.testing.tls.TestPki;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation of the server certificates of connections that carry a credential, with the JDK's PKIX checker against
 * a real CRL: a test CA, two TLS MCP servers on loopback (one certificate revoked, one good) and the CRL served on
 * loopback. Nothing here is mocked; the JDK fetches the CRL from the certificate's distribution point.
 */
class RevocationTest {

    private static final String TOKEN = "revocation-test-token";
    private static final RequestHeaders BEARER = (uri, run) -> Map.of(RequestHeaders.AUTHORIZATION,
            RequestHeaders.BEARER + TOKEN);

    private static TestPki pki;
    private static HttpServer crlServer;
    private static TestMcpServer good;
    private static TestMcpServer revoked;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create();
        crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String crlUrl = "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca.crl";
        KeyStore goodKeys = pki.serverKeyStore(crlUrl);
        KeyStore revokedKeys = pki.serverKeyStore(crlUrl);
        byte[] crl = pki.crl(List.of(revokedKeys)).getEncoded();
        crlServer.createContext("/ca.crl", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        crlServer.start();
        good = TestMcpServer.builder().name("good").tls(goodKeys).start();
        revoked = TestMcpServer.builder().name("revoked").tls(revokedKeys).start();
    }

    @AfterAll
    static void stop() {
        good.close();
        revoked.close();
        crlServer.stop(0);
    }

    private static McpClientSettings settings(RevocationPolicy policy) throws Exception {
        return new McpClientSettings("revocation-test", "1", Duration.ofSeconds(5), Duration.ofSeconds(10),
                RetryPolicy.NONE, null, ServerTrust.of(pki.trust(), policy));
    }

    private static McpConnection open(TestMcpServer server, RequestHeaders headers, RevocationPolicy policy)
            throws Exception {
        return McpConnection.open(new McpEndpoint(server.name(), URI.create(server.url()), headers),
                settings(policy), null);
    }

    @Test
    void aBearerNeverReachesAServerWhoseCertificateIsRevoked() throws Exception {
        revoked.clearRecorded();

        McpAccessException refused = assertThrows(McpAccessException.class,
                () -> open(revoked, BEARER, RevocationPolicy.PREFER));

        assertTrue(refused.getMessage().contains("the server's certificate is revoked"), refused.getMessage());
        assertEquals(List.of(), revoked.recorded(), "the handshake fails before any request");
    }

    @Test
    void aServerWithAGoodCertificateGetsItsCallsWithTheBearer() throws Exception {
        try (McpConnection connection = open(good, BEARER, RevocationPolicy.PREFER)) {
            assertEquals("Bearer " + TOKEN, connection.call("whoami", "{}").output());
        }
    }

    @Test
    void withoutACredentialNothingChangesUnlessRevocationIsRequired() throws Exception {
        try (McpConnection connection = open(revoked, RequestHeaders.NONE, RevocationPolicy.PREFER)) {
            assertEquals("3", connection.call("add", "{\"a\":1,\"b\":2}").output());
        }
        McpAccessException refused = assertThrows(McpAccessException.class,
                () -> open(revoked, RequestHeaders.NONE, RevocationPolicy.REQUIRE));
        assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());
        try (McpConnection connection = open(revoked, BEARER, RevocationPolicy.OFF)) {
            assertEquals("Bearer " + TOKEN, connection.call("whoami", "{}").output(), "off checks nothing");
        }
    }

    @Test
    void anUnknownStatusIsRefusedWhenRequiredAndLoggedOnceWhenPreferred() throws Exception {
        // A CA whose CRL nobody serves: the status of its certificates cannot be learnt.
        TestPki unserved = TestPki.create();
        KeyStore keys = unserved.serverKeyStore("http://127.0.0.1:1/nothing.crl");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RevocationTrust.class.getName());
        logger.addHandler(capture);
        try (TestMcpServer server = TestMcpServer.builder().name("unknown").tls(keys).start()) {
            McpEndpoint endpoint = new McpEndpoint("unknown", URI.create(server.url()), BEARER);
            ServerTrust required = ServerTrust.of(unserved.trust(), RevocationPolicy.REQUIRE);
            McpAccessException refused = assertThrows(McpAccessException.class, () -> McpConnection.open(endpoint,
                    new McpClientSettings("t", "1", Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.NONE,
                            null, required), null));
            assertTrue(refused.getMessage().contains("cannot be learnt"), refused.getMessage());
            assertEquals(List.of(), server.recorded());

            ServerTrust preferred = ServerTrust.of(unserved.trust(), RevocationPolicy.PREFER);
            McpClientSettings settings = new McpClientSettings("t", "1", Duration.ofSeconds(5),
                    Duration.ofSeconds(10), RetryPolicy.NONE, null, preferred);
            for (int i = 0; i < 2; i++) {
                try (McpConnection connection = McpConnection.open(endpoint, settings, null)) {
                    assertEquals("Bearer " + TOKEN, connection.call("whoami", "{}").output());
                }
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(!warnings.get(0).getMessage().contains(TOKEN));
    }
}
