package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and hostile Responses requests: every one gets a 4xx in the OpenAI error shape, none a
 * 5xx, none changes anything (their conversation stays empty), and the server stays ready.
 */
class BadInputIT {

    private static final String CONVERSATION = "bad-input-" + UUID.randomUUID();
    private static final String VALID = "{\"model\":\"assistant\",\"input\":\"hello\",\"conversation\":\"" + CONVERSATION
            + "\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"}],\"metadata\":{\"k\":\"v\"}}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyBadRequestIsRefusedCleanly() throws Exception {
        long freshInputTokens = inputTokens("bad-input-fresh-" + UUID.randomUUID());
        List<byte[]> bodies = generate();
        assertTrue(bodies.size() >= 2000, String.valueOf(bodies.size()));

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (byte[] body : bodies) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() < 400 || response.statusCode() > 499 || !TestServer.isOpenAiError(response.body())) {
                problems.add(response.statusCode() + " for " + preview(body) + ": " + preview(response.body().getBytes()));
            }
        }
        System.out.println("bad input: " + bodies.size() + " requests, statuses " + statuses);

        assertTrue(problems.isEmpty(), problems.size() + " not refused cleanly, e.g. " + problems.subList(0,
                Math.min(5, problems.size())));
        assertEquals(200, TestServer.get("/health/ready").statusCode());
        assertEquals(freshInputTokens, inputTokens(CONVERSATION), "a refused request left something in its conversation");
    }

    /** The input tokens of a first answer in a conversation: more if the conversation already had turns. */
    private static long inputTokens(String conversation) {
        HttpResponse<String> response = TestServer.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"hello\","
                + "\"store\":false,\"conversation\":\"" + conversation + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body()).getJsonObject("usage").getJsonNumber("input_tokens").longValue();
    }

    private static List<byte[]> generate() {
        List<String> bodies = new ArrayList<>();
        Random random = new Random(20261123);
        // Broken JSON: every prefix of a valid body, and random corruptions of it.
        for (int cut = 0; cut < VALID.length() - 1; cut++) {
            bodies.add(VALID.substring(0, cut));
        }
        for (int i = 0; i < 1200; i++) {
            char[] chars = VALID.toCharArray();
            int at = random.nextInt(chars.length);
            String replacements = "{}[]\",:\\x\u0000\u007f";
            chars[at] = replacements.charAt(random.nextInt(replacements.length()));
            String corrupted = new String(chars);
            if (!corrupted.equals(VALID) && !parses(corrupted)) {
                bodies.add(corrupted);
            }
        }
        bodies.addAll(List.of("", " ", "null", "[]", "\"x\"", "42", "true", "{", "}", "{}{}", "\uFEFF{}", "{\"input\":}"));
        // Wrong types for every field the server reads.
        String[] wrong = {"42", "true", "[]", "{}", "\"x\"", "1.5", "-1", "[1,2]", "{\"a\":1}"};
        String[][] fields = {{"model", "\"x\"|42"}, {"input", "42|true|{}"}, {"instructions", "\"x\""}, {"tools", "[]"},
            {"tool_choice", "\"auto\""}, {"stream", "true"}, {"store", "true"}, {"previous_response_id", "\"x\""},
            {"conversation", "\"x\"|{}"}, {"metadata", "{}"}, {"max_output_tokens", "42"}, {"agent", "{}"}};
        for (String[] field : fields) {
            for (String value : wrong) {
                if (acceptable(field[0], value)) {
                    continue;
                }
                bodies.add("{\"model\":\"assistant\",\"input\":\"hi\",\"conversation\":\"" + CONVERSATION + "\",\""
                        + field[0] + "\":" + value + "}");
            }
        }
        // Unknown or malformed input items.
        for (int i = 0; i < 500; i++) {
            String type = i % 3 == 0 ? "image_generation_call" : "type_" + Integer.toHexString(random.nextInt());
            bodies.add(body("\"input\":[{\"type\":\"" + type + "\",\"id\":\"x" + i + "\"}]"));
        }
        String[] items = {"{\"role\":\"wizard\",\"content\":\"x\"}", "{\"role\":\"user\"}", "{\"role\":\"user\",\"content\":5}",
            "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}", "{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}",
            "{\"type\":\"function_call_output\",\"output\":\"x\"}", "{\"type\":\"function_call_output\",\"call_id\":\"nobody\",\"output\":\"x\"}",
            "{\"type\":\"function_call\",\"name\":\"f\"}", "{\"type\":\"mcp_approval_response\",\"approval_request_id\":\"mcpr_x\"}",
            "{\"type\":\"mcp_approval_response\",\"approval_request_id\":\"mcpr_x\",\"approve\":true}", "5", "[]", "null"};
        for (String item : items) {
            for (int i = 0; i < 20; i++) {
                bodies.add(body("\"input\":[" + "{\"role\":\"user\",\"content\":\"ok\"},".repeat(i) + item + "]"));
            }
        }
        // Header injection and credentials in headers.
        String[] headers = {"{\"Authorization\":\"Bearer x\"}", "{\"authorization\":\"x\"}", "{\"AUTHORIZATION\":\"x\"}",
            "{\"X-A\":\"v\\r\\nHost: evil\"}", "{\"X-A\":\"v\\nX-B: 1\"}", "{\"X A\":\"v\"}", "{\"X-A\\r\\nB\":\"v\"}",
            "{\"X-A\":5}", "{\"X-A\":\"v\\u0000\"}", "[]", "\"x\""};
        for (String header : headers) {
            for (int i = 0; i < 10; i++) {
                bodies.add(body("\"tools\":[{\"type\":\"mcp\",\"server_label\":\"s" + i + "\",\"server_url\":"
                        + "\"http://127.0.0.1:1/mcp\",\"headers\":" + header + "}]"));
            }
        }
        // Server URLs that must never be reached.
        String[] urls = {"javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/mcp", "data:text/plain,x",
            "gopher://127.0.0.1:25/", "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/",
            "http://[fe80::1]/mcp", "http://0.0.0.0/mcp", "https://224.0.0.1/mcp", "http://93.184.216.34/mcp",
            "http://10.0.0.1/mcp", "https://user:pw@example.com/mcp", "not a url", "https:///mcp", "//example.com/mcp",
            "foundry-toolbox://", "foundry-toolbox://a/b"};
        for (String url : urls) {
            for (int i = 0; i < 10; i++) {
                bodies.add(body("\"tools\":[{\"type\":\"mcp\",\"server_label\":\"u" + i + "\",\"server_url\":\"" + url + "\"}]"));
            }
        }
        // Bad tools and choices.
        String[] tools = {"[{\"type\":\"computer\"}]", "[{\"type\":\"function\"}]", "[{\"type\":\"function\",\"name\":\"a b\"}]",
            "[{\"type\":\"function\",\"name\":\"f\"},{\"type\":\"function\",\"name\":\"f\"}]",
            "[{\"type\":\"mcp\",\"server_url\":\"http://127.0.0.1:1/mcp\"}]", "[{\"type\":\"mcp\",\"server_label\":\"a\"}]",
            "[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\",\"require_approval\":\"maybe\"}]",
            "[{\"type\":\"mcp\",\"server_label\":\"a\",\"server_url\":\"http://127.0.0.1:1/mcp\",\"allowed_tools\":[1]}]",
            "[5]", "[null]"};
        for (String tool : tools) {
            for (int i = 0; i < 10; i++) {
                bodies.add(body("\"tools\":" + tool + ",\"tool_choice\":" + (i % 2 == 0 ? "\"auto\"" : "\"none\"")));
            }
        }
        for (int i = 0; i < 20; i++) {
            bodies.add(body("\"tool_choice\":{\"type\":\"function\",\"name\":\"missing" + i + "\"}"));
            bodies.add(body("\"tool_choice\":\"sometimes" + i + "\""));
            bodies.add(body("\"metadata\":{\"k\":" + i + "}"));
            bodies.add(body("\"max_output_tokens\":" + (-i)));
            bodies.add(body("\"previous_response_id\":\"resp_missing_" + i + "\""));
            bodies.add(body("\"agent\":{\"type\":\"agent_reference\",\"name\":\"nobody" + i + "\"}"));
            bodies.add("{\"model\":\"nobody-" + i + "\",\"input\":\"x\"}");
        }
        // Huge and deep.
        bodies.add(body("\"model\":\"" + "m".repeat(200_000) + "\""));
        bodies.add(body("\"metadata\":{" + "\"k\":\"v\",".repeat(40) + "\"z\":\"" + "v".repeat(100_000) + "\"}"));
        bodies.add(body("\"input\":[" + "5,".repeat(100_000) + "5]"));
        bodies.add("{\"input\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        bodies.add("{\"metadata\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",\"input\":\"x\"}");
        bodies.add("{\"input\":\"" + "x".repeat(1024 * 1024) + "\"}");
        List<byte[]> bytes = new ArrayList<>();
        bodies.forEach(b -> bytes.add(b.getBytes(StandardCharsets.UTF_8)));
        // Bytes that are not UTF-8.
        for (int i = 0; i < 50; i++) {
            byte[] raw = VALID.getBytes(StandardCharsets.UTF_8);
            raw[random.nextInt(raw.length)] = (byte) (0x80 | random.nextInt(0x40));
            bytes.add(raw);
        }
        return bytes;
    }

    /** A request that is fine but for the fields given. */
    private static String body(String fields) {
        return "{\"model\":\"assistant\",\"input\":\"hi\",\"conversation\":\"" + CONVERSATION + "\"," + fields + "}";
    }

    /** Values of the right type for a field, which the loop over wrong values skips. */
    private static boolean acceptable(String field, String value) {
        return switch (field) {
            case "model", "instructions", "previous_response_id" -> value.startsWith("\"");
            case "stream", "store" -> value.equals("true");
            case "max_output_tokens" -> value.equals("42");
            case "tools", "input" -> value.startsWith("[") || field.equals("input") && value.startsWith("\"");
            case "tool_choice" -> false;
            case "conversation" -> value.startsWith("\"");
            case "metadata" -> value.equals("{}");
            default -> false;
        };
    }

    private static boolean parses(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            reader.readValue();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
