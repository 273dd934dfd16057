package it.io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.Tool;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Consent on a real Liberty. The host toolbox {@code graph} (held by the agent {@code consenting} only) answers
 * {@code tools/list} with CONSENT_REQUIRED, as the Foundry toolbox proxy does, until the test lets it through, as a
 * user's consent would; {@code consentcall} asks for consent when a tool is called.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String LINK = "https://consent.example.test/authorize?source=graph";

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Response create(String agent, String input, Tool.Mcp... tools) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(agent).input(input);
        for (Tool.Mcp tool : tools) {
            params.addTool(tool);
        }
        return CLIENT.responses().create(params.build());
    }

    private static List<Map<String, String>> consentItems(Response response) {
        // The SDK has no type for these items: they arrive as raw JSON.
        return response.output().stream()
                .filter(item -> item._json().isPresent())
                .map(item -> item._json().orElseThrow().convert(Map.class))
                .filter(map -> "oauth_consent_request".equals(map.get("type")))
                .map(map -> Map.of("id", (String) map.get("id"), "server_label", (String) map.get("server_label"),
                        "consent_link", (String) map.get("consent_link")))
                .toList();
    }

    @Test
    @Order(1)
    void aToolboxWaitingForConsentKeepsTheServerReady() {
        JsonObject check = ToolboxesIT.toolboxCheck();

        assertEquals("UP", check.getString("status"));
        assertEquals("ConsentRequired", check.getJsonObject("data").getString("graph"));
    }

    @Test
    @Order(2)
    void theFirstRequestThatNeedsItEndsIncompleteWithTheLink() {
        Response response = create("consenting", "hello graph");

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals("consent_required", response.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
        List<Map<String, String>> consent = consentItems(response);
        assertEquals(1, consent.size());
        assertEquals("graph", consent.get(0).get("server_label"));
        assertEquals(LINK, consent.get(0).get("consent_link"));
        assertTrue(consent.get(0).get("id").startsWith("oauthreq_"));

        HttpResponse<String> streamed = TestServer.post("/v1/responses",
                "{\"model\":\"consenting\",\"input\":\"hello graph\",\"stream\":true}");
        List<JsonObject> events = TestServer.sseEvents(streamed.body());
        JsonObject last = events.get(events.size() - 1);
        assertEquals("response.incomplete", last.getString("type"));
        assertTrue(events.stream().anyMatch(e -> e.containsKey("item")
                && e.getJsonObject("item").getString("type").equals("oauth_consent_request")));
    }

    @Test
    @Order(3)
    void aMarkedToolboxThatNeedsConsentAsksForItInItsRequestOnly() {
        Response response = create("assistant", "hello", Tool.Mcp.builder().serverLabel("g")
                .serverUrl("foundry-toolbox://graphmarker").build());

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals(LINK, consentItems(response).get(0).get("consent_link"));
        assertFalse(ToolboxesIT.toolboxCheck().getJsonObject("data").containsKey("graphmarker"));
        assertEquals(ResponseStatus.COMPLETED, create("assistant", "hello").status().orElseThrow());
    }

    @Test
    @Order(4)
    void aToolCallThatNeedsConsentStopsTheRun() {
        Tool.Mcp server = Tool.Mcp.builder().serverLabel("cc").serverUrl(System.getProperty("mcp.test.consentcall.url"))
                .requireApproval(Tool.Mcp.RequireApproval.McpToolApprovalSetting.NEVER).build();

        Response response = create("assistant", "/call cc.add {\"a\":1,\"b\":2}", server);

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertTrue(response.output().stream().anyMatch(i -> i.isMcpCall() && i.asMcpCall().error().isPresent()));
        assertEquals(LINK, consentItems(response).get(0).get("consent_link"));
        assertTrue(response.output().stream().noneMatch(i -> i.isMessage()));
    }

    @Test
    @Order(5)
    void onceTheUserConsentedTheResentPromptCompletes() {
        control("faults?name=consentlist&spec=");

        Response response = create("consenting", "hello again");

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertEquals("hello again", TestServer.lastText(response));
        assertTrue(consentItems(response).isEmpty());
        assertEquals("Healthy", ToolboxesIT.toolboxCheck().getJsonObject("data").getString("graph"));
    }

    private static void control(String command) {
        HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
                URI.create(System.getProperty("mcp.test.control.url") + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
    }
}
