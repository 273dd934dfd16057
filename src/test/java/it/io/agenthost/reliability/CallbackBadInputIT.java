package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
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
 * Hostile callbacks at {@code /oauth/callback}, the one path that browsers reach from other sites: missing, empty,
 * forged, huge and repeated parameters, control characters, markup, other methods. None is a 5xx, every refusal is an
 * OpenAI error object in JSON (never a page that could run what a parameter carried), and the server stays ready.
 */
class CallbackBadInputIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> queries() {
        List<String> values = List.of("", " ", "x", "x".repeat(8_000), "\u0000", "\r\nSet-Cookie: a=b", "<script>alert(1)</script>",
                "' OR 1=1 --", "../../etc/passwd", "\u202Eevil", "☃", "%00", "null", "{}", "[]");
        List<String> queries = new ArrayList<>(List.of("", "?", "?state", "?state=&code=", "?code=abc",
                "?state=a&state=b&code=c", "?state=s&code=a&code=b", "?error=access_denied",
                "?state=s&error=", "?state=s&error_description=only"));
        for (String value : values) {
            queries.add("?state=" + q(value) + "&code=c");
            queries.add("?state=forged&code=" + q(value));
            queries.add("?state=forged&error=" + q(value) + "&error_description=" + q(value));
            queries.add("?" + q(value) + "=" + q(value));
        }
        return queries;
    }

    @Test
    void everyHostileCallbackIsRefusedCleanly() throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (String query : queries()) {
            requests.add(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/oauth/callback" + query)).GET().build());
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            requests.add(HttpRequest.newBuilder(URI.create(TestServer.BASE + "/oauth/callback?state=s&code=c"))
                    .method(method, HttpRequest.BodyPublishers.ofString("state=s&code=c")).build());
        }
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (HttpRequest request : requests) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() < 400 || response.statusCode() >= 500 || !contentType.startsWith("application/json")
                    || !openAiError(response.body())) {
                problems.add(response.statusCode() + " " + contentType + " for " + request.method() + " "
                        + request.uri().getRawQuery() + ": " + response.body().substring(0,
                                Math.min(160, response.body().length())));
            }
        }
        System.out.println("callback bad input: " + requests.size() + " requests, statuses " + statuses);

        assertTrue(problems.isEmpty(), problems.size() + " problems, e.g. " + problems.subList(0,
                Math.min(8, problems.size())));
        assertEquals(200, TestServer.get("/health/ready").statusCode());
    }

    private static boolean openAiError(String body) {
        try {
            JsonObject error = TestServer.json(body).getJsonObject("error");
            return !error.getString("message").isBlank() && error.containsKey("type") && error.containsKey("code");
        } catch (RuntimeException notOne) {
            return false;
        }
    }
}
