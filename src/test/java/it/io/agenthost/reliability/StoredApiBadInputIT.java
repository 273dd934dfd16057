package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile requests to the conversations, to background and replay, cancel and input tokens: every one
 * gets a 4xx in the OpenAI error shape, none a 5xx, and none changes the conversation or the response it names.
 */
class StoredApiBadInputIT {

    private static final String ITEM = "{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\"}";
    private static final String VALID_ITEMS = "{\"items\":[" + ITEM + "]}";
    private static final String VALID_COUNT = "{\"model\":\"assistant\",\"input\":\"count me\"}";

    private record Request(String method, String path, String body) {
    }

    @Test
    void everyBadRequestIsRefusedCleanlyAndChangesNothing() throws Exception {
        JsonObject conversation = TestServer.json(TestServer.post("/v1/conversations?agent=assistant",
                "{\"items\":[" + ITEM + "],\"metadata\":{\"k\":\"v\"}}").body());
        String id = conversation.getString("id");
        String itemsBefore = TestServer.get("/v1/conversations/" + id + "/items?agent=assistant").body();
        String firstItem = TestServer.json(itemsBefore).getJsonArray("data").getJsonObject(0).getString("id");
        String response = TestServer.json(TestServer.post("/v1/responses", "{\"model\":\"assistant\",\"input\":"
                + "\"kept\"}").body()).getString("id");
        String responseBefore = TestServer.get("/v1/responses/" + response + "?agent=assistant").body();

        List<Request> requests = new ArrayList<>();
        for (int cut = 0; cut < VALID_ITEMS.length() - 1; cut++) {
            requests.add(new Request("POST", "/v1/conversations/" + id + "/items?agent=assistant",
                    VALID_ITEMS.substring(0, cut)));
            requests.add(new Request("POST", "/v1/conversations?agent=assistant", VALID_ITEMS.substring(0, cut)));
        }
        for (int cut = 0; cut < VALID_COUNT.length() - 1; cut++) {
            requests.add(new Request("POST", "/v1/responses/input_tokens", VALID_COUNT.substring(0, cut)));
        }
        for (String items : List.of("{}", "{\"items\":{}}", "{\"items\":[]}", "{\"items\":[1]}", "{\"items\":\"x\"}",
                "{\"items\":[{\"type\":\"nonsense\"}]}", "{\"items\":[{\"type\":\"message\",\"role\":\"robot\","
                        + "\"content\":\"x\"}]}", "{\"items\":[" + (ITEM + ",").repeat(20) + ITEM + "]}",
                "{\"items\":[{\"type\":\"message\",\"id\":\"" + firstItem + "\",\"role\":\"user\",\"content\":\"x\"}]}",
                "[]", "null", "\"items\"")) {
            requests.add(new Request("POST", "/v1/conversations/" + id + "/items?agent=assistant", items));
        }
        for (String update : List.of("{}", "{\"metadata\":5}", "{\"metadata\":{\"k\":5}}", "{\"metadata\":{"
                + "\"a\":\"1\",\"b\":\"1\",\"c\":\"1\",\"d\":\"1\",\"e\":\"1\",\"f\":\"1\",\"g\":\"1\",\"h\":\"1\","
                + "\"i\":\"1\",\"j\":\"1\",\"k\":\"1\",\"l\":\"1\",\"m\":\"1\",\"n\":\"1\",\"o\":\"1\",\"p\":\"1\","
                + "\"q\":\"1\"}}", "{\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}}")) {
            requests.add(new Request("POST", "/v1/conversations/" + id + "?agent=assistant", update));
        }
        requests.add(new Request("GET", "/v1/conversations/" + id + "/items?agent=nosuch", null));
        for (String query : List.of("limit=abc", "limit=0", "limit=101", "order=sideways", "after=nosuch")) {
            requests.add(new Request("GET", "/v1/conversations/" + id + "/items?agent=assistant&" + query, null));
        }
        for (String query : List.of("stream=maybe", "stream=true&starting_after=abc", "stream=true&starting_after=-5",
                "stream=true")) {
            requests.add(new Request("GET", "/v1/responses/" + response + "?agent=assistant&" + query, null));
        }
        for (String query : List.of("limit=x", "order=up", "after=nosuch")) {
            requests.add(new Request("GET", "/v1/responses/" + response + "/input_items?agent=assistant&" + query,
                    null));
        }
        requests.add(new Request("POST", "/v1/responses/" + response + "/cancel?agent=assistant", ""));
        requests.add(new Request("POST", "/v1/responses/resp_nosuch/cancel?agent=assistant", ""));
        requests.add(new Request("POST", "/v1/responses/" + response + "/cancel?agent=nosuch", ""));
        requests.add(new Request("GET", "/v1/conversations/conv_nosuch?agent=assistant", null));
        requests.add(new Request("DELETE", "/v1/conversations/" + id + "/items/nosuch?agent=assistant", null));
        requests.add(new Request("DELETE", "/v1/conversations/" + id + "?agent=travel", null));
        requests.add(new Request("GET", "/v1/conversations/" + id + "/items/" + firstItem + "?agent=travel", null));

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Request request : requests) {
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(TestServer.BASE + request.path()))
                    .header("Content-Type", "application/json");
            http.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()));
            HttpResponse<String> answer = TestServer.send(http.build());
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() < 400 || answer.statusCode() > 499 || !TestServer.isOpenAiError(answer.body())) {
                problems.add(answer.statusCode() + " for " + request + ": " + answer.body());
            }
        }
        System.out.println("stored API bad input: " + requests.size() + " requests, statuses " + statuses);

        assertTrue(problems.isEmpty(), problems.size() + " not refused cleanly, e.g. "
                + problems.subList(0, Math.min(5, problems.size())));
        assertEquals(itemsBefore, TestServer.get("/v1/conversations/" + id + "/items?agent=assistant").body());
        assertEquals(conversation, TestServer.json(TestServer.get("/v1/conversations/" + id + "?agent=assistant")
                .body()));
        assertEquals(responseBefore, TestServer.get("/v1/responses/" + response + "?agent=assistant").body());
        assertEquals(200, TestServer.get("/health/ready").statusCode());
    }
}
