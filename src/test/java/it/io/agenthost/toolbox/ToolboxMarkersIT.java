package it.io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code foundry-toolbox://} markers on a real Liberty. {@code other} is configured ({@code toolbox.other.url}) but
 * is not a host toolbox: only requests that name it open it, as {@code agent.toolbox.markers.allowed} lets them.
 */
class ToolboxMarkersIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Tool.Mcp marker(String label, String url) {
        return Tool.Mcp.builder().serverLabel(label).serverUrl(url).build();
    }

    private static Response create(String input, Tool.Mcp... tools) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model("assistant").input(input);
        for (Tool.Mcp tool : tools) {
            params.addTool(tool);
        }
        return CLIENT.responses().create(params.build());
    }

    private static List<String> labels(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMcpListTools)
                .map(i -> i.asMcpListTools().serverLabel()).toList();
    }

    @Test
    void aMarkedToolboxOpensOnceUnderConcurrentFirstUseAndStaysWithItsRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                responses.add(pool.submit(() -> create("/call other_add {\"a\":20,\"b\":22}",
                        marker("o1", "foundry-toolbox://other"), marker("o2", "foundry-toolbox://other"))));
            }
            for (Future<Response> future : responses) {
                Response response = future.get();
                assertEquals(1, labels(response).stream().filter("other"::equals).count(), labels(response).toString());
                assertEquals("other_add returned: 42", TestServer.lastText(response));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, initializeCount("other"));

        Response without = create("no marker here");
        assertFalse(labels(without).contains("other"));
        assertFalse(ToolboxesIT.toolboxCheck().getJsonObject("data").containsKey("other"));
    }

    @Test
    void aMarkerForAHostToolboxIsMergedWithIt() {
        Response response = create("hello", marker("ev", "foundry-toolbox://everything"));

        assertEquals(1, labels(response).stream().filter("everything"::equals).count());
    }

    @Test
    void inStrictModeAToolboxThatCannotBeResolvedFailsTheResponse() {
        Response response = create("hello", marker("x", "foundry-toolbox://nosuch"));

        assertEquals(ResponseStatus.FAILED, response.status().orElseThrow());
        assertEquals("toolbox_unavailable", response.error().orElseThrow().code().asString());
        assertTrue(response.error().orElseThrow().message().contains("nosuch"));
        assertEquals("UP", ToolboxesIT.toolboxCheck().getString("status"));
    }

    @Test
    void aMarkerForAToolboxThatIsNeitherTheAgentsNorAllowedIsRefused() {
        // graph is a host toolbox of the agent "consenting" only; "stranger" is no toolbox at all.
        for (String name : List.of("graph", "stranger")) {
            Response response = create("hello", marker("x", "foundry-toolbox://" + name));

            assertEquals(ResponseStatus.FAILED, response.status().orElseThrow());
            assertEquals("toolbox_not_allowed", response.error().orElseThrow().code().asString());
            assertTrue(response.error().orElseThrow().message().contains(name));
        }
        assertFalse(ToolboxesIT.toolboxCheck().getJsonObject("data").containsKey("stranger"));
    }

    private static long initializeCount(String server) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + "requests?name=" + server)).GET().build());
        JsonArray requests = Json.createReader(new StringReader(response.body())).readArray();
        return requests.stream().filter(r -> r.asJsonObject().getString("body", "").contains("\"initialize\"")).count();
    }
}
