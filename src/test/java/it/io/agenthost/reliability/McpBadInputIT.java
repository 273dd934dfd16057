package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile JSON-RPC against {@code /mcp}: malformed and wrong bodies, batches, wrong types, unknown and forged
 * sessions, odd protocol versions, wrong methods and headers; in both revisions of MCP (sessions of 2025-11-25, and
 * requests of 2026-07-28 that claim it in a header or in {@code _meta}). None is a 5xx, every refusal is a JSON-RPC error object,
 * nothing shows a Java exception, and the server stays ready.
 */
class McpBadInputIT {

    private static final URI MCP = URI.create(TestServer.BASE + "/mcp");
    private static final String ACCEPT = "application/json, text/event-stream";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Attempt(String what, HttpRequest request) {
    }

    private static HttpRequest.Builder post(byte[] body) {
        return HttpRequest.newBuilder(MCP).header("Content-Type", "application/json").header("Accept", ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Attempt> attempts() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "1", "\"ping\"", "true", "[]", "[{}]",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "{", "{}", "{\"jsonrpc\":\"2.0\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":2,\"id\":1,\"method\":\"ping\"}",
                "{\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"jsonrpc\":\"2.0\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\"}}", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}"));
        for (String id : List.of("{}", "[1]", "true", "null", "1.5", "-1", "\"\"", "99999999999999999999999")) {
            bodies.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
        }
        for (String method : List.of("5", "null", "{}", "[]", "\"\"", "\"no/such\"", "\"tools/call\"",
                "\"tools/list\"", "\"initialize\"", "\"notifications/initialized\"", "\"resources/read\"",
                "\"logging/setLevel\"", "\"completion/complete\"", "\"ping\"", "\"../../etc/passwd\"")) {
            bodies.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":" + method + "}");
            for (String params : List.of("[]", "\"x\"", "5", "null", "{}", "{\"name\":5}", "{\"name\":\"nosuch\"}",
                    "{\"name\":\"assistant\",\"arguments\":[]}", "{\"protocolVersion\":5}",
                    "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":\"x\",\"clientInfo\":5}",
                    "{\"_meta\":{\"progressToken\":{}}}")) {
                bodies.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":" + method + ",\"params\":" + params + "}");
            }
        }
        // Requests of 2026-07-28, which the stateless server answers: a claim of the revision in _meta, with every
        // other part wrong in turn.
        String claim = "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"";
        String capabilities = "\"io.modelcontextprotocol/clientCapabilities\":{}";
        for (String method : List.of("\"tools/call\"", "\"tools/list\"", "\"server/discover\"", "\"initialize\"",
                "\"ping\"", "\"subscriptions/listen\"", "\"resources/read\"", "\"no/such\"")) {
            for (String params : List.of("{\"_meta\":{" + claim + "}}",
                    "{\"_meta\":{" + claim + ",\"io.modelcontextprotocol/clientCapabilities\":\"x\"}}",
                    "{\"_meta\":{" + claim + "," + capabilities + ",\"io.modelcontextprotocol/clientInfo\":5}}",
                    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":5," + capabilities + "}}",
                    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2099-01-01\"," + capabilities + "}}",
                    "{\"_meta\":{" + claim + "," + capabilities + "}}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"name\":\"nosuch\"}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"name\":\"assistant\",\"arguments\":[]}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"name\":\"assistant\",\"arguments\":{}}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"name\":\"assistant\",\"requestState\":\"forged\"}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"name\":\"assistant\",\"inputResponses\":5}",
                    "{\"_meta\":{" + claim + "," + capabilities + "},\"cursor\":{}}",
                    "{\"_meta\":[]}")) {
                bodies.add("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":" + method + ",\"params\":" + params + "}");
            }
        }
        bodies.add("[".repeat(10_000) + "]".repeat(10_000));
        bodies.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(2_000_000)
                + "\"}}");

        List<Attempt> attempts = new ArrayList<>();
        for (String body : bodies) {
            String what = body.length() > 80 ? body.substring(0, 80) + "..." : body;
            attempts.add(new Attempt(what, post(utf8(body)).build()));
            attempts.add(new Attempt("session forged, " + what, post(utf8(body))
                    .header("Mcp-Session-Id", "forged-session").build()));
            attempts.add(new Attempt("2026 headers, " + what, post(utf8(body)).header("MCP-Protocol-Version", "2026-07-28")
                    .header("Mcp-Method", "tools/call").build()));
            attempts.add(new Attempt("2026 header and name, " + what, post(utf8(body))
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                    .header("Mcp-Name", "assistant").build()));
        }
        byte[] ping = utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        attempts.add(new Attempt("not UTF-8", post(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}).build()));
        for (String version : List.of("1999-01-01", "garbage", "", "2025-11-25\r\nX: y".replace("\r\n", " "))) {
            attempts.add(new Attempt("protocol version " + version, post(ping).header("MCP-Protocol-Version", version)
                    .build()));
        }
        for (String session : List.of("../../etc", "x".repeat(4000), "' OR 1=1 --")) {
            attempts.add(new Attempt("session " + session.length(), post(ping).header("Mcp-Session-Id", session).build()));
            attempts.add(new Attempt("DELETE session " + session.length(), HttpRequest.newBuilder(MCP)
                    .header("Mcp-Session-Id", session).DELETE().build()));
        }
        attempts.add(new Attempt("text/plain", HttpRequest.newBuilder(MCP).header("Content-Type", "text/plain")
                .header("Accept", ACCEPT).POST(HttpRequest.BodyPublishers.ofByteArray(ping)).build()));
        attempts.add(new Attempt("no Accept", HttpRequest.newBuilder(MCP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ping)).build()));
        attempts.add(new Attempt("Accept text/html", HttpRequest.newBuilder(MCP).header("Content-Type",
                "application/json").header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(ping))
                .build()));
        attempts.add(new Attempt("DELETE", HttpRequest.newBuilder(MCP).DELETE().build()));
        attempts.add(new Attempt("GET", HttpRequest.newBuilder(MCP).header("Accept", "text/event-stream").GET().build()));
        for (String method : List.of("PUT", "PATCH", "OPTIONS")) {
            attempts.add(new Attempt(method, HttpRequest.newBuilder(MCP).method(method,
                    HttpRequest.BodyPublishers.ofByteArray(ping)).header("Content-Type", "application/json").build()));
        }
        return attempts;
    }

    @Test
    void everyHostileRequestIsAnsweredWithoutAFaultOrAJavaException() throws Exception {
        List<Attempt> attempts = attempts();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Attempt attempt : attempts) {
            HttpResponse<String> response = http.send(attempt.request(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String body = response.body();
            if (status >= 500) {
                problems.add(status + " for " + attempt.what() + ": " + body.substring(0, Math.min(200, body.length())));
            }
            if (body.contains("stackTrace") || body.contains("localizedMessage") || body.contains("Exception")
                    // a class of the SDK; its _meta keys ("io.modelcontextprotocol/...") may be quoted
                    || body.contains("io.modelcontextprotocol.")) {
                problems.add("a Java exception for " + attempt.what() + ": " + body.substring(0, Math.min(200,
                        body.length())));
            }
            if (status >= 400 && !jsonRpcError(body)) {
                problems.add(status + " without a JSON-RPC error for " + attempt.what() + ": "
                        + body.substring(0, Math.min(200, body.length())));
            }
        }
        System.out.println("MCP bad input: " + attempts.size() + " requests, statuses " + statuses);

        assertTrue(problems.isEmpty(), problems.size() + " problems, e.g. " + problems.subList(0,
                Math.min(40, problems.size())));
        assertTrue(attempts.size() >= 500, String.valueOf(attempts.size()));
        assertEquals(200, TestServer.get("/health/ready").statusCode());
    }

    private static boolean jsonRpcError(String body) {
        try {
            JsonObject message = TestServer.json(body);
            JsonObject error = message.getJsonObject("error");
            return "2.0".equals(message.getString("jsonrpc")) && message.containsKey("id")
                    && error.getJsonNumber("code") != null && !error.getString("message").isBlank();
        } catch (RuntimeException notOne) {
            return false;
        }
    }
}
