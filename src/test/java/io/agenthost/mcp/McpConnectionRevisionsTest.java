package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.testing.mcp.RecordedRequest;
import io.agenthost.testing.mcp.TestMcpServer;
import io.agenthost.testing.mcp.TestTool;
import io.agenthost.toolbox.ConsentLink;
import io.agenthost.toolbox.ConsentParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The revisions of MCP against the SDK's own servers of each: 2026-07-28 first, 2025-11-25 when the server refuses
 * a stateless request, remembered per server, and back again when a server moves on.
 */
class McpConnectionRevisionsTest {

    private static final String TOKEN = "Bearer revision-test-token";

    private static McpClientSettings settings() {
        return new McpClientSettings("revisions-test", "1", Duration.ofSeconds(5), Duration.ofSeconds(10),
                RetryPolicy.NONE);
    }

    private static McpEndpoint endpoint(TestMcpServer server) {
        return new McpEndpoint("rev", URI.create(server.url()), (uri, run) -> Map.of("Authorization", TOKEN));
    }

    private static List<String> methods(TestMcpServer server) {
        return server.recorded().stream().filter(r -> r.method().equals("POST")).map(RecordedRequest::rpcMethod)
                .toList();
    }

    @Test
    void aStatelessServerIsSpokenToWithoutASession() {
        McpClientSettings settings = settings();
        try (TestMcpServer server = TestMcpServer.builder().stateless(true).start();
                McpConnection connection = McpConnection.open(endpoint(server), settings, null)) {
            assertEquals(ProtocolRevision.STATELESS, connection.revision());
            assertTrue(connection.tools().stream().anyMatch(t -> t.name().equals("add")), connection.tools().toString());
            assertEquals("42", connection.call("add", "{\"a\":40,\"b\":2}").output());
            assertEquals(TOKEN, connection.call("whoami", "{}").output());
            assertTrue(connection.call("fail", "{}").isError());

            assertEquals(List.of("tools/list", "tools/call", "tools/call", "tools/call"), methods(server));
            for (RecordedRequest request : server.recorded()) {
                assertEquals("2026-07-28", request.header("MCP-Protocol-Version"), request.toString());
                assertNull(request.header("Mcp-Session-Id"), request.toString());
            }
            assertEquals(ProtocolRevision.STATELESS, settings.revisions().of(URI.create(server.url())));
        }
    }

    @Test
    void aServerOfSessionsIsOpenedAfterOneRefusedRequestAndRememberedAfterThat() {
        McpClientSettings settings = settings();
        try (TestMcpServer server = TestMcpServer.builder().start()) {
            try (McpConnection first = McpConnection.open(endpoint(server), settings, null)) {
                assertEquals(ProtocolRevision.SESSIONS, first.revision());
                assertEquals("42", first.call("add", "{\"a\":40,\"b\":2}").output());
            }
            List<String> sent = methods(server);
            assertEquals(List.of("tools/list", "initialize"), sent.subList(0, 2), sent.toString());
            assertEquals("2026-07-28", server.recorded().get(0).header("MCP-Protocol-Version"));
            server.clearRecorded();

            try (McpConnection second = McpConnection.open(endpoint(server), settings, null)) {
                assertEquals(ProtocolRevision.SESSIONS, second.revision());
            }
            assertEquals("initialize", methods(server).get(0), "no stateless request the second time");
        }
    }

    @Test
    void aServerThatMovedOnToStatelessIsFollowed() throws Exception {
        McpClientSettings settings = settings();
        int port;
        try (TestMcpServer old = TestMcpServer.builder().start();
                McpConnection connection = McpConnection.open(endpoint(old), settings, null)) {
            assertEquals(ProtocolRevision.SESSIONS, connection.revision());
            port = old.port();
        }
        try (TestMcpServer upgraded = TestMcpServer.builder().port(port).stateless(true).start();
                McpConnection connection = McpConnection.open(endpoint(upgraded), settings, null)) {
            assertEquals(ProtocolRevision.STATELESS, connection.revision());
            assertEquals(List.of("initialize", "tools/list"), methods(upgraded));
            assertEquals(ProtocolRevision.STATELESS, settings.revisions().of(URI.create(upgraded.url())));
        }
    }

    @Test
    void consentAskedForInAnInputRequiredResultIsTheConsentOfAUrlElicitation() {
        String link = "https://consent.example.test/authorize?user=me";
        for (boolean stateless : new boolean[] {true, false}) {
            try (TestMcpServer server = TestMcpServer.builder().stateless(stateless)
                    .tool(new TestTool("mail", "Reads mail.", "{\"type\":\"object\"}",
                            call -> TestTool.Answer.consent(link, "Let the agent read your mail.")))
                    .start();
                    McpConnection connection = McpConnection.open(endpoint(server), settings(), null)) {
                McpServerError error = assertThrows(McpServerError.class, () -> connection.call("mail", "{}"));

                assertEquals(-32042, error.code(), "stateless " + stateless);
                List<ConsentLink> links = ConsentParser.parse("rev", error).orElseThrow();
                assertEquals(List.of(link), links.stream().map(ConsentLink::link).toList(), "stateless " + stateless);
            }
        }
    }

    @Test
    void aStatelessRequestRefusedWithATooManyRequestsIsTriedAgain() {
        McpClientSettings settings = new McpClientSettings("revisions-test", "1", Duration.ofSeconds(5),
                Duration.ofSeconds(10), new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        try (TestMcpServer server = TestMcpServer.builder().stateless(true).failFirst(2, 429, null).start();
                McpConnection connection = McpConnection.open(endpoint(server), settings, null)) {
            assertEquals(ProtocolRevision.STATELESS, connection.revision());
            assertEquals(List.of("tools/list", "tools/list", "tools/list"), methods(server));
        }
    }

    @Test
    void theCredentialDoesNotFollowAStatelessServersRedirect() {
        try (TestMcpServer elsewhere = TestMcpServer.builder().stateless(true).start();
                TestMcpServer redirecting = TestMcpServer.builder().stateless(true).start()) {
            redirecting.redirectTo(elsewhere.url());

            assertThrows(McpAccessException.class, () -> McpConnection.open(endpoint(redirecting), settings(), null));

            assertTrue(elsewhere.recorded().isEmpty(), elsewhere.recorded().toString());
            assertTrue(redirecting.bearersSeen().contains(TOKEN.substring("Bearer ".length())));
        }
    }
}
