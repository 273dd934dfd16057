package it.io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListParams;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Responses API end to end, with the official OpenAI Java client as the caller. */
class ResponsesIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void modelsListsTheHostedAgents() {
        List<String> ids = new ArrayList<>();
        CLIENT.models().list().autoPager().forEach(model -> ids.add(model.id()));

        assertTrue(ids.contains("assistant"), ids.toString());
    }

    @Test
    void createAnswersWithTheEchoModel() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("Hello, agent").build());

        response.validate();
        assertTrue(response.id().startsWith("resp_"));
        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertEquals("Hello, agent", text(response));
        assertEquals(2, response.usage().orElseThrow().outputTokens());
        assertEquals("assistant", response.model().asString());
    }

    @Test
    void streamingGivesEveryEventInOrderWithSequenceNumbers() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = CLIENT.responses().createStreaming(
                ResponseCreateParams.builder().model("assistant").input("stream these four words").build())) {
            stream.stream().forEach(events::add);
        }
        events.forEach(ResponseStreamEvent::validate);
        assertTrue(events.get(0).isCreated());
        assertTrue(events.get(1).isInProgress());
        assertTrue(events.get(events.size() - 1).isCompleted());
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .forEach(e -> deltas.append(e.asOutputTextDelta().delta()));
        assertEquals("stream these four words", deltas.toString());
        Response completed = events.get(events.size() - 1).asCompleted().response();
        assertEquals(events.get(0).asCreated().response().id(), completed.id());
        assertEquals("stream these four words", text(completed));

        HttpResponse<String> raw = TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"input\":\"two words\",\"stream\":true}");
        assertEquals(200, raw.statusCode());
        assertTrue(raw.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        List<JsonObject> rawEvents = TestServer.sseEvents(raw.body());
        // The tool lists of the host toolboxes come first; the text answer follows them in this order.
        List<String> answerEvents = rawEvents.stream()
                .filter(e -> !e.getString("type").startsWith("response.mcp_list_tools")
                        && !(e.containsKey("item") && e.getJsonObject("item").getString("type").equals("mcp_list_tools")))
                .map(e -> e.getString("type")).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), answerEvents);
        for (int i = 0; i < rawEvents.size(); i++) {
            assertEquals(i, rawEvents.get(i).getInt("sequence_number"));
        }
    }

    @Test
    void aStoredResponseCanBeRetrievedListedAndDeleted() {
        Response created = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("keep me").build());

        Response retrieved = CLIENT.responses().retrieve(retrieveParams(created.id()));
        assertEquals(created.id(), retrieved.id());
        assertEquals("keep me", text(retrieved));

        var page = CLIENT.responses().inputItems().list(InputItemListParams.builder().responseId(created.id())
                .putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(1, page.items().size());
        assertEquals("keep me", page.items().get(0).asResponseInputMessageItem().content().get(0).asInputText().text());

        CLIENT.responses().delete(ResponseDeleteParams.builder().responseId(created.id())
                .putAdditionalQueryParam("agent", "assistant").build());
        assertThrows(NotFoundException.class, () -> CLIENT.responses().retrieve(retrieveParams(created.id())));
        assertEquals(404, TestServer.get("/v1/responses/" + created.id() + "/input_items?agent=assistant").statusCode());
    }

    @Test
    void storeFalseKeepsNothing() {
        Response created = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("forget me").store(false).build());

        assertEquals("forget me", text(created));
        assertThrows(NotFoundException.class, () -> CLIENT.responses().retrieve(retrieveParams(created.id())));
    }

    @Test
    void previousResponseIdCarriesTheHistory() {
        Response first = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("my name is Ada").build());
        Response second = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("what is it").previousResponseId(first.id()).build());

        // The echo model counts every token it is given: the first exchange plus the new message.
        long firstInput = first.usage().orElseThrow().inputTokens();
        long firstOutput = first.usage().orElseThrow().outputTokens();
        assertEquals(firstInput + firstOutput + 3, second.usage().orElseThrow().inputTokens());
        assertEquals(first.id(), second.previousResponseId().orElseThrow());
    }

    @Test
    void aConversationCarriesTheHistoryOfItsResponses() {
        String conversation = "conv_it_" + UUID.randomUUID();
        Response first = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("one two").conversation(conversation).build());
        Response second = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("three").conversation(conversation).build());
        Response elsewhere = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("three").conversation(conversation + "-other").build());

        long firstInput = first.usage().orElseThrow().inputTokens();
        assertEquals(firstInput + 2 + 1, second.usage().orElseThrow().inputTokens());
        assertEquals(firstInput - 2 + 1, elsewhere.usage().orElseThrow().inputTokens());
    }

    @Test
    void aFunctionCallRoundTrip() {
        FunctionTool weather = FunctionTool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();
        Response call = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("/call get_weather {\"city\":\"Paris\"}").addTool(weather).build());

        ResponseFunctionToolCall functionCall = call.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertTrue(call.output().stream().noneMatch(ResponseOutputItem::isMessage));
        assertEquals("get_weather", functionCall.name());
        assertEquals("{\"city\":\"Paris\"}", functionCall.arguments());

        Response answer = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant")
                .previousResponseId(call.id())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(functionCall.callId()).output("sunny, 24 C").build())))
                .addTool(weather)
                .build());

        assertEquals("get_weather returned: sunny, 24 C", text(answer));
    }

    @Test
    void anAgentReferenceSelectsTheAgentWhateverTheModelSays() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("gpt-4o")
                .input("by reference")
                .putAdditionalBodyProperty("agent", JsonValue.from(Map.of("type", "agent_reference", "name", "assistant")))
                .build());

        assertEquals("assistant", response.model().asString());
        assertEquals("by reference", text(response));
    }

    @Test
    void theOutputTokenLimitEndsTheResponseIncomplete() {
        Response response = CLIENT.responses().create(ResponseCreateParams.builder()
                .model("assistant").input("one two three four five").maxOutputTokens(3L).build());

        assertEquals(ResponseStatus.INCOMPLETE, response.status().orElseThrow());
        assertEquals("one two three ", text(response));
        assertEquals(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS,
                response.incompleteDetails().orElseThrow().reason().orElseThrow());
    }

    /** With two agents on the test server, stored responses are read through their agent. */
    static ResponseRetrieveParams retrieveParams(String id) {
        return ResponseRetrieveParams.builder().responseId(id).putAdditionalQueryParam("agent", "assistant").build();
    }

    static String text(Response response) {
        return TestServer.lastText(response);
    }
}
