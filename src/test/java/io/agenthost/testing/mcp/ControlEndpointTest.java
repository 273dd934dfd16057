package io.agenthost.testing.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlEndpointTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, TestMcpServer> servers = new LinkedHashMap<>();
    private ControlEndpoint endpoint;
    private TestMcpServersControl control;

    @BeforeEach
    void startServers() throws IOException {
        servers.put("open", ServerSpec.parse("open=0:prefix=x_").build(null, null).start());
        servers.put("late", ServerSpec.parse("late=0:closed:failFirst=1,429,2").build(null, null));
        endpoint = ControlEndpoint.start("127.0.0.1", 0, servers);
        control = new TestMcpServersControl("http://127.0.0.1:" + endpoint.port() + ControlEndpoint.PATH);
    }

    @AfterEach
    void stopServers() {
        endpoint.close();
        servers.values().forEach(TestMcpServer::stop);
    }

    @Test
    void describesTheServers() {
        assertTrue(control.servers().getJsonObject("open").getBoolean("running"));
        assertFalse(control.servers().getJsonObject("late").getBoolean("running"));
        assertEquals(servers.get("open").url(), control.url("open"));
        assertEquals("x_add", control.servers().getJsonObject("open").getJsonArray("tools").getString(0));
    }

    @Test
    void opensAndClosesAServer() throws Exception {
        control.open("late");
        String url = control.url("late");
        HttpResponse<String> first = post(url, PING);
        assertEquals(429, first.statusCode());
        assertEquals("2", first.headers().firstValue("retry-after").orElse(null));

        control.close("late");
        assertThrows(IOException.class, () -> post(url, PING));
    }

    @Test
    void returnsTheRecordedRequestsAndResetsThem() throws Exception {
        post(servers.get("open").url(), PING);
        List<RecordedRequest> requests = control.requests("open");
        assertEquals(1, requests.size());
        assertEquals("POST", requests.get(0).method());
        assertEquals("/mcp", requests.get(0).path());
        assertEquals("ping", requests.get(0).rpcMethod());
        assertEquals(List.of("application/json"), requests.get(0).headers().get("content-type"));
        assertEquals(PING, requests.get(0).body());

        control.reset("open");
        assertTrue(control.requests("open").isEmpty());
    }

    @Test
    void replacesFaultsAndAddsTools() throws Exception {
        String url = servers.get("open").url();
        control.faults("open", "failAlways=503:delay=PT0.1S");
        assertEquals(503, post(url, PING).statusCode());
        control.faults("open", "");
        assertEquals(400, post(url, PING).statusCode(), "a ping without a session passes the filter");

        control.addTool("open", "extra");
        assertTrue(servers.get("open").toolNames().contains("extra"));
    }

    @Test
    void refusesUnknownServersAndRoutes() {
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> control.open("nobody"));
        assertTrue(unknown.getMessage().contains("404"), unknown.getMessage());
        assertThrows(IllegalStateException.class, () -> control.faults("open", "explode=1"));
    }

    @Test
    void parsesRedirectUrlsWithColons() {
        ServerSpec spec = ServerSpec.parse("moved=19999:delay=PT1S:redirectTo=http://127.0.0.1:19101/mcp");
        assertEquals(19999, spec.port());
        assertEquals(List.of("delay=PT1S", "redirectTo=http://127.0.0.1:19101/mcp"), spec.faults());
        assertThrows(IllegalArgumentException.class, () -> ServerSpec.parse("bad=notaport"));
        assertThrows(IllegalArgumentException.class, () -> ServerSpec.parse("bad=1:failFirst=2"));
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
