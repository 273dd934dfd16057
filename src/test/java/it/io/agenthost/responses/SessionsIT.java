package it.io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.Tool;
import com.openai.models.responses.inputitems.InputItemListParams;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sessions bound to their agent, on every path, with two agents on the server: {@code assistant} (a bean) and
 * {@code travel} (declared by configuration in the build). Stored responses are reached through the query
 * parameter {@code agent}, which the OpenAI client sends as an additional query parameter.
 */
class SessionsIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();
    private static final String SECRET = "saffron-umbrella-42";

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    private static Response create(String agent, String input) {
        return CLIENT.responses().create(ResponseCreateParams.builder().model(agent).input(input).build());
    }

    private static Response retrieve(String id, String agent) {
        return CLIENT.responses().retrieve(ResponseRetrieveParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", agent).build());
    }

    private static void delete(String id, String agent) {
        CLIENT.responses().delete(ResponseDeleteParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", agent).build());
    }

    private static int inputItemCount(String id, String agent) {
        return CLIENT.responses().inputItems().list(InputItemListParams.builder().responseId(id)
                .putAdditionalQueryParam("agent", agent).build()).items().size();
    }

    /** The OpenAI client's view of an agent mismatch: 409 with the code and parameter. */
    private static void assertMismatch(Executable call, String param) {
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class, call);
        assertEquals(409, e.statusCode());
        assertEquals("agent_mismatch", e.code().orElseThrow());
        assertEquals(param, e.param().orElseThrow());
    }

    /** The raw view: both agents named, nothing of the content. */
    private static void assertMismatchBody(HttpResponse<String> response, String owner, String caller) {
        assertEquals(409, response.statusCode(), response.body());
        JsonObject error = TestServer.json(response.body()).getJsonObject("error");
        assertEquals("agent_mismatch", error.getString("code"));
        assertTrue(error.getString("message").contains("'" + owner + "'"), response.body());
        assertTrue(error.getString("message").contains("'" + caller + "'"), response.body());
        assertFalse(response.body().contains(SECRET), response.body());
    }

    private static HttpResponse<String> rawDelete(String path) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(TestServer.BASE + path)).DELETE().build());
    }

    @Test
    void bothAgentsAreListedAndTheConfiguredOneRunsWithItsOwnToolboxes() {
        List<String> ids = new ArrayList<>();
        CLIENT.models().list().autoPager().forEach(model -> ids.add(model.id()));
        assertTrue(ids.containsAll(List.of("assistant", "travel")), ids.toString());
        assertTrue(TestServer.get("/v1/models/travel").body().contains("Plans trips"));

        Response travel = create("travel", "to Lisbon");

        assertEquals("travel", travel.model().asString());
        assertEquals("to Lisbon", TestServer.lastText(travel));
        assertEquals(List.of("everything"), travel.output().stream().filter(ResponseOutputItem::isMcpListTools)
                .map(item -> item.asMcpListTools().serverLabel()).toList());
    }

    @Test
    void aPreviousResponseOfAnotherAgentIsRefusedStreamedOrNot() {
        Response mine = create("assistant", "my secret is " + SECRET);

        assertMismatch(() -> CLIENT.responses().create(ResponseCreateParams.builder().model("travel")
                .input("go on").previousResponseId(mine.id()).build()), "previous_response_id");
        assertMismatch(() -> {
            try (StreamResponse<ResponseStreamEvent> stream = CLIENT.responses().createStreaming(
                    ResponseCreateParams.builder().model("travel").input("go on").previousResponseId(mine.id()).build())) {
                stream.stream().forEach(event -> { });
            }
        }, "previous_response_id");
        assertMismatchBody(TestServer.post("/v1/responses", "{\"model\":\"travel\",\"input\":\"go on\","
                + "\"previous_response_id\":\"" + mine.id() + "\"}"), "assistant", "travel");

        Response continued = CLIENT.responses().create(ResponseCreateParams.builder().model("ASSISTANT")
                .input("and now").previousResponseId(mine.id()).build());
        assertEquals(mine.id(), continued.previousResponseId().orElseThrow());
    }

    @Test
    void anotherAgentCanNeitherReadNorListNorDeleteAResponse() {
        Response mine = create("travel", "my secret is " + SECRET);
        String path = "/v1/responses/" + mine.id();

        assertMismatch(() -> retrieve(mine.id(), "assistant"), "response_id");
        assertMismatch(() -> inputItemCount(mine.id(), "assistant"), "response_id");
        assertMismatch(() -> delete(mine.id(), "assistant"), "response_id");
        assertMismatchBody(TestServer.get(path + "?agent=assistant"), "travel", "assistant");
        assertMismatchBody(TestServer.get(path + "/input_items?agent=assistant"), "travel", "assistant");
        assertMismatchBody(rawDelete(path + "?agent=assistant"), "travel", "assistant");

        assertEquals(mine.id(), retrieve(mine.id(), "Travel").id());
        assertEquals(1, inputItemCount(mine.id(), "travel"));
        delete(mine.id(), "travel");
        assertThrows(NotFoundException.class, () -> retrieve(mine.id(), "travel"));
    }

    @Test
    void withTwoAgentsTheStoredResponsePathsNeedTheAgentNamed() {
        Response mine = create("travel", "keep " + SECRET);
        String path = "/v1/responses/" + mine.id();

        for (HttpResponse<String> response : List.of(TestServer.get(path), TestServer.get(path + "/input_items"),
                rawDelete(path), TestServer.get("/v1/responses/resp_nope"))) {
            assertEquals(400, response.statusCode(), response.body());
            JsonObject error = TestServer.json(response.body()).getJsonObject("error");
            assertEquals("agent", error.getString("param"));
            assertEquals("missing_required_parameter", error.getString("code"));
            assertFalse(response.body().contains(SECRET));
        }
        assertThrows(BadRequestException.class, () -> CLIENT.responses().retrieve(mine.id()));
        assertEquals(404, TestServer.get(path + "?agent=billing").statusCode());
        assertEquals(mine.id(), retrieve(mine.id(), "travel").id());
    }

    @Test
    void aConversationIdIsOnlyAKeyUnderEachAgent() {
        String conversation = "conv_it_" + UUID.randomUUID();
        Response first = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("remember " + SECRET + " for me").conversation(conversation).build());

        Response other = CLIENT.responses().create(ResponseCreateParams.builder().model("travel")
                .input("what was it").conversation(conversation).build());
        Response fresh = CLIENT.responses().create(ResponseCreateParams.builder().model("travel")
                .input("what was it").conversation(conversation + "-fresh").build());
        Response lookalike = CLIENT.responses().create(ResponseCreateParams.builder().model("travel")
                .input("what was it").conversation(first.id()).build());
        Response owner = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("what was it").conversation(conversation).build());

        long alone = fresh.usage().orElseThrow().inputTokens();
        assertEquals(alone, other.usage().orElseThrow().inputTokens());
        assertEquals(alone, lookalike.usage().orElseThrow().inputTokens());
        assertTrue(owner.usage().orElseThrow().inputTokens() > first.usage().orElseThrow().inputTokens());
        assertFalse(TestServer.lastText(other).contains(SECRET));
    }

    @Test
    void anApprovalOfAnotherAgentsRequestIsRefused() {
        Tool.Mcp tool = Tool.Mcp.builder().serverLabel("ev").serverUrl(System.getProperty("mcp.everything.url")).build();
        String conversation = "conv_it_" + UUID.randomUUID();
        Response asking = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .input("/call ev.echo {\"message\":\"" + SECRET + "\"}").addTool(tool).conversation(conversation)
                .build());
        String requestId = asking.output().stream().filter(ResponseOutputItem::isMcpApprovalRequest).findFirst()
                .orElseThrow().asMcpApprovalRequest().id();
        List<ResponseInputItem> approve = List.of(ResponseInputItem.ofMcpApprovalResponse(
                ResponseInputItem.McpApprovalResponse.builder().approvalRequestId(requestId).approve(true).build()));

        assertMismatch(() -> CLIENT.responses().create(ResponseCreateParams.builder().model("travel")
                .previousResponseId(asking.id()).addTool(tool).inputOfResponse(approve).build()), "previous_response_id");
        BadRequestException viaConversation = assertThrows(BadRequestException.class, () -> CLIENT.responses()
                .create(ResponseCreateParams.builder().model("travel").conversation(conversation).addTool(tool)
                        .inputOfResponse(approve).build()));
        assertEquals("input[0].approval_request_id", viaConversation.param().orElseThrow());

        Response approved = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .previousResponseId(asking.id()).addTool(tool).inputOfResponse(approve).build());
        assertEquals("echo returned: Echo: " + SECRET, TestServer.lastText(approved));
    }
}
