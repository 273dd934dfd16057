package it.io.agenthost.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The telemetry of the server started as the hosted-agent platform starts one: its OTEL_* variables export to a real
 * OTLP/HTTP receiver of the tests, which decodes the protobuf the server's OpenTelemetry SDK sends. Runs with a host
 * toolbox (through the stand-in toolbox proxy), a request MCP server with its own bearer, and an approval give one
 * trace per request that continues the caller's {@code traceparent}, and every MCP request carries its span's.
 */
class TelemetryIT {

    private static final String BASE = "http://" + TestServer.HOST + ":" + Integer.getInteger("platform.http.port", 9082);
    private static final String CONTROL = System.getProperty("mcp.test.control.url");
    private static final String OTLP = System.getProperty("mcp.test.otlp.url");
    private static final String HEALTHY = System.getProperty("mcp.test.healthy.url");
    private static final String TOKEN = "telemetry-it-token";

    @Test
    void aRunIsOneTraceFromTheCallersSpanToEachMcpRequest() throws Exception {
        send("POST", CONTROL + "reset?name=proxy");
        String traceId = hex(16);
        String callerSpan = hex(8);

        HttpResponse<String> answer = post("{\"model\":\"assistant\",\"input\":\"/call add {\\\"a\\\":2,\\\"b\\\":3}\"}",
                "00-" + traceId + "-" + callerSpan + "-01");
        assertEquals(200, answer.statusCode(), answer.body());

        // The server span ends after the answer is written, and may be exported after the run's spans.
        List<JsonObject> trace = awaitSpans(traceId, spans -> find(spans, "tools/call add").isPresent()
                && find(spans, "invoke_agent assistant").isPresent()
                && spans.stream().anyMatch(span -> span.getString("kind").equals("SPAN_KIND_SERVER")));
        JsonObject server = trace.stream().filter(span -> span.getString("kind").equals("SPAN_KIND_SERVER"))
                .findFirst().orElseThrow(() -> new AssertionError("no server span: " + trace));
        assertEquals(callerSpan, server.getString("parentSpanId"), "the caller's traceparent is continued");
        JsonObject agent = find(trace, "invoke_agent assistant").orElseThrow();
        assertEquals(server.getString("spanId"), agent.getString("parentSpanId"));
        assertEquals("SPAN_KIND_INTERNAL", agent.getString("kind"));
        assertEquals("invoke_agent", attribute(agent, "gen_ai.operation.name"));
        assertEquals("agent-host.echo", attribute(agent, "gen_ai.provider.name"));
        assertEquals("assistant", attribute(agent, "gen_ai.agent.name"));
        assertEquals(TestServer.json(answer.body()).getString("id"), attribute(agent, "gen_ai.response.id"));

        List<JsonObject> chats = trace.stream().filter(span -> span.getString("name").equals("chat echo")
                || span.getString("name").startsWith("chat ")).toList();
        assertEquals(2, chats.size(), "the call, then the answer: " + trace);
        for (JsonObject chat : chats) {
            assertEquals(agent.getString("spanId"), chat.getString("parentSpanId"));
            assertEquals("SPAN_KIND_CLIENT", chat.getString("kind"));
            assertEquals("chat", attribute(chat, "gen_ai.operation.name"));
            assertTrue(Long.parseLong(attribute(chat, "gen_ai.usage.input_tokens")) > 0, chat.toString());
        }
        JsonObject tool = find(trace, "execute_tool add").orElseThrow();
        assertEquals(agent.getString("spanId"), tool.getString("parentSpanId"));
        assertEquals("extension", attribute(tool, "gen_ai.tool.type"));
        JsonObject call = find(trace, "tools/call add").orElseThrow();
        assertEquals(tool.getString("spanId"), call.getString("parentSpanId"));
        assertEquals("SPAN_KIND_CLIENT", call.getString("kind"));
        assertEquals("tools/call", attribute(call, "mcp.method.name"));
        assertEquals("127.0.0.1", attribute(call, "server.address"));

        String sent = lastHeader("proxy", "traceparent");
        assertEquals("00-" + traceId + "-" + call.getString("spanId") + "-01", sent,
                "the toolbox proxy gets the traceparent of the MCP span");
    }

    @Test
    void aRequestServerWithABearerAndAnApprovalAreTracedWithoutTheBearer() throws Exception {
        send("POST", CONTROL + "reset?name=healthy");
        String tool = "{\"type\":\"mcp\",\"server_label\":\"rec\",\"server_url\":\"" + HEALTHY
                + "\",\"authorization\":\"" + TOKEN + "\",\"require_approval\":\"always\"}";
        HttpResponse<String> asking = post("{\"model\":\"assistant\",\"input\":\"/call rec.add {\\\"a\\\":1,"
                + "\\\"b\\\":2}\",\"tools\":[" + tool + "]}", null);
        assertEquals(200, asking.statusCode(), asking.body());
        JsonObject response = TestServer.json(asking.body());
        String approval = response.getJsonArray("output").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("type").equals("mcp_approval_request")).findFirst().orElseThrow()
                .getString("id");
        String traceId = hex(16);

        HttpResponse<String> approved = post("{\"model\":\"assistant\",\"previous_response_id\":\""
                + response.getString("id") + "\",\"input\":[{\"type\":\"mcp_approval_response\",\"approval_request_id\":\""
                + approval + "\",\"approve\":true}],\"tools\":[" + tool + "]}", "00-" + traceId + "-" + hex(8) + "-01");
        assertEquals(200, approved.statusCode(), approved.body());

        List<JsonObject> trace = awaitSpans(traceId, spans -> find(spans, "tools/call add").isPresent());
        JsonObject call = find(trace, "tools/call add").orElseThrow();
        assertEquals(String.valueOf(System.getProperty("mcp.test.healthy.url")).replaceAll(".*:(\\d+)/.*", "$1"),
                attribute(call, "server.port"));
        JsonObject initialize = find(trace, "initialize").orElseThrow();
        assertEquals("initialize", attribute(initialize, "mcp.method.name"));
        assertTrue(find(trace, "tools/list").isPresent(), trace.toString());
        assertEquals("00-" + traceId + "-" + call.getString("spanId") + "-01", lastHeader("healthy", "traceparent"));
        // The session the call belonged to, as the server saw it; the JSON-RPC ids of requests of one session differ.
        assertEquals(lastHeader("healthy", "mcp-session-id"), attribute(call, "mcp.session.id"));
        // initialize opens it: its span also covers the notification that follows, within the session
        assertEquals(attribute(call, "mcp.session.id"), attribute(initialize, "mcp.session.id"));
        assertNotNull(attribute(initialize, "jsonrpc.request.id"));
        assertNotNull(attribute(call, "jsonrpc.request.id"));
        assertNotEquals(attribute(initialize, "jsonrpc.request.id"), attribute(call, "jsonrpc.request.id"));

        String everything = send("GET", OTLP + "/spans").body();
        assertFalse(everything.contains(TOKEN), "no span carries the bearer");
        assertFalse(everything.contains("\\\"a\\\":1"), "no content unless it is asked for");
        assertMetrics();
    }

    private static void assertMetrics() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> wanted = List.of("gen_ai.client.operation.duration:s", "gen_ai.client.token.usage:{token}",
                "mcp.client.operation.duration:s");
        List<String> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            JsonArray metrics = TestServer.json("{\"m\":" + send("GET", OTLP + "/metrics").body() + "}")
                    .getJsonArray("m");
            seen = metrics.getValuesAs(JsonObject.class).stream()
                    .map(metric -> metric.getString("name") + ":" + metric.getString("unit")).distinct().toList();
            if (seen.containsAll(wanted)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("metrics received: " + seen);
    }

    private static HttpResponse<String> post(String body, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/responses"))
                .header("Content-Type", "application/json")
                .header("x-agent-user-id", "telemetry-user")
                .header("x-agent-foundry-call-id", "telemetry-call")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return TestServer.send(request.build());
    }

    private static List<JsonObject> awaitSpans(String traceId, Predicate<List<JsonObject>> complete)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<JsonObject> trace = List.of();
        while (Instant.now().isBefore(deadline)) {
            trace = TestServer.json("{\"s\":" + send("GET", OTLP + "/spans").body() + "}").getJsonArray("s")
                    .getValuesAs(JsonObject.class).stream()
                    .filter(span -> span.getString("traceId").equals(traceId)).toList();
            if (complete.test(trace)) {
                return trace;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the trace never arrived whole: " + trace);
    }

    private static Optional<JsonObject> find(List<JsonObject> spans, String name) {
        return spans.stream().filter(span -> span.getString("name").equals(name)).findFirst();
    }

    private static String attribute(JsonObject span, String name) {
        JsonValue value = span.getJsonObject("attributes").get(name);
        return value == null ? null : ((jakarta.json.JsonString) value).getString();
    }

    private static String lastHeader(String server, String name) {
        JsonArray requests = TestServer.json("{\"r\":" + send("GET", CONTROL + "requests?name=" + server).body() + "}")
                .getJsonArray("r");
        JsonObject last = requests.getValuesAs(JsonObject.class).stream()
                .filter(request -> request.getString("body", "").contains("tools/call")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no tools/call reached " + server));
        JsonArray values = last.getJsonObject("headers").getJsonArray(name);
        return values == null || values.isEmpty() ? null : values.getString(0);
    }

    private static HttpResponse<String> send(String method, String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return TestServer.send(method.equals("GET") ? request.GET().build()
                : request.POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new Random().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
