package it.io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host toolboxes on a real Liberty: the npm server-everything ({@code everything}), an MCP Java SDK server that
 * answers 429 twice before it lets the client in ({@code flaky}), and one whose port is closed until a test opens
 * it ({@code late}).
 */
class ToolboxesIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    @BeforeAll
    static void awaitStartupOpens() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            JsonObject check = toolboxCheck();
            if (check != null && !"Pending".equals(check.getJsonObject("data").getString("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the toolboxes were still opening after 30 s");
    }

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void theEchoModelCallsAToolOfServerEverything() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("/call echo {\"message\":\"hi\"}").build());
        response.validate();

        List<ResponseOutputItem.McpListTools> lists = response.output().stream()
                .filter(ResponseOutputItem::isMcpListTools).map(ResponseOutputItem::asMcpListTools).toList();
        ResponseOutputItem.McpListTools everything = lists.stream()
                .filter(l -> l.serverLabel().equals("everything")).findFirst().orElseThrow();
        assertTrue(everything.tools().stream().anyMatch(t -> t.name().equals("echo")));
        ResponseOutputItem.McpCall call = response.output().stream().filter(ResponseOutputItem::isMcpCall)
                .map(ResponseOutputItem::asMcpCall).findFirst().orElseThrow();
        assertEquals("everything", call.serverLabel());
        assertEquals("echo", call.name());
        assertEquals("{\"message\":\"hi\"}", call.arguments());
        assertEquals("Echo: hi", call.output().orElseThrow());
        ResponseOutputItem last = response.output().get(response.output().size() - 1);
        assertEquals("echo returned: Echo: hi", last.asMessage().content().get(0).asOutputText().text());
    }

    @Test
    void aToolCallIsStreamedWithItsMcpEvents() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = CLIENT.responses().createStreaming(ResponseCreateParams
                .builder().model("assistant").input("/call get-sum {\"a\":2,\"b\":3}").build())) {
            stream.stream().forEach(events::add);
        }
        events.forEach(ResponseStreamEvent::validate);

        assertTrue(events.stream().anyMatch(ResponseStreamEvent::isMcpListToolsInProgress));
        assertTrue(events.stream().anyMatch(ResponseStreamEvent::isMcpListToolsCompleted));
        int callStarted = indexOf(events, ResponseStreamEvent::isMcpCallInProgress);
        int callCompleted = indexOf(events, ResponseStreamEvent::isMcpCallCompleted);
        int firstText = indexOf(events, ResponseStreamEvent::isOutputTextDelta);
        assertTrue(callStarted >= 0 && callStarted < callCompleted && callCompleted < firstText,
                callStarted + " " + callCompleted + " " + firstText);
        Response completed = events.get(events.size() - 1).asCompleted().response();
        ResponseOutputItem.McpCall call = completed.output().stream().filter(ResponseOutputItem::isMcpCall)
                .map(ResponseOutputItem::asMcpCall).findFirst().orElseThrow();
        assertTrue(call.output().orElseThrow().contains("5"), call.output().toString());
    }

    @Test
    void aToolErrorGoesBackToTheModelAndTheRunCompletes() {
        // flaky and late offer the same tool names, so each is offered qualified by its server label.
        Response response = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("/call flaky.fail {}").build());

        ResponseOutputItem.McpCall call = response.output().stream().filter(ResponseOutputItem::isMcpCall)
                .map(ResponseOutputItem::asMcpCall).findFirst().orElseThrow();
        assertEquals("flaky", call.serverLabel());
        assertEquals("fail", call.name());
        assertTrue(call.error().orElseThrow().isToolExecution());
        assertTrue(call.error().orElseThrow()._json().orElseThrow().toString().contains("failed on purpose"));
        ResponseOutputItem last = response.output().get(response.output().size() - 1);
        assertTrue(last.asMessage().content().get(0).asOutputText().text().startsWith("fail returned: Error:"));
        assertEquals("completed", response.status().orElseThrow().asString());
    }

    @Test
    void aToolboxThatWasDownIsReportedAndRecoversOnceItsServerStarts() throws Exception {
        JsonObject before = toolboxCheck();
        assertEquals("UP", before.getString("status"));
        assertEquals("Degraded", before.getJsonObject("data").getString("late"));
        assertEquals("Healthy", before.getJsonObject("data").getString("everything"));
        assertEquals("Healthy", before.getJsonObject("data").getString("flaky"));

        Response whileDown = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("hello").build());
        ResponseOutputItem.McpListTools lateList = listOf(whileDown, "late");
        assertTrue(lateList.error().orElseThrow().contains("Degraded"));

        control("open?name=late");
        Response afterStart = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("hello again").build());

        assertNull(listOf(afterStart, "late").error().orElse(null));
        assertEquals("Healthy", toolboxCheck().getJsonObject("data").getString("late"));
    }

    private static ResponseOutputItem.McpListTools listOf(Response response, String label) {
        return response.output().stream().filter(ResponseOutputItem::isMcpListTools)
                .map(ResponseOutputItem::asMcpListTools).filter(l -> l.serverLabel().equals(label))
                .findFirst().orElseThrow();
    }

    private static int indexOf(List<ResponseStreamEvent> events, Predicate<ResponseStreamEvent> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code toolboxes} readiness check, or null while the server is not answering. */
    static JsonObject toolboxCheck() {
        HttpResponse<String> ready = TestServer.get("/health/ready");
        if (ready.statusCode() != 200 && ready.statusCode() != 503) {
            return null;
        }
        for (var check : TestServer.json(ready.body()).getJsonArray("checks")) {
            JsonObject object = check.asJsonObject();
            if (object.getString("name").equals("toolboxes")) {
                return object;
            }
        }
        return null;
    }

    static void control(String command) {
        String base = System.getProperty("mcp.test.control.url");
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(URI.create(base + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
    }
}
