package it.io.agenthost.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.ConversationDeleteParams;
import com.openai.models.conversations.ConversationRetrieveParams;
import com.openai.models.conversations.ConversationUpdateParams;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemDeleteParams;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.conversations.items.ItemRetrieveParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Conversations API through the official OpenAI Java SDK, and responses that name a conversation. */
class ConversationsIT {

    private static final OpenAIClient CLIENT = TestServer.openAi();

    private static ResponseInputItem user(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content(text).build());
    }

    private static Conversation create(String agent, String... texts) {
        ConversationCreateParams.Builder params = ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder().putAdditionalProperty("topic",
                        JsonValue.from("fruit")).build())
                .putAdditionalQueryParam("agent", agent);
        for (String text : texts) {
            params.addItem(user(text));
        }
        return CLIENT.conversations().create(params.build());
    }

    private static List<ConversationItem> items(String id) {
        return CLIENT.conversations().items().list(ItemListParams.builder().conversationId(id)
                .order(ItemListParams.Order.ASC).putAdditionalQueryParam("agent", "assistant").build()).data();
    }

    @Test
    void aConversationIsCreatedReadUpdatedGivenItemsAndDeleted() {
        Conversation conversation = create("assistant", "an apple", "a pear");
        assertTrue(conversation.id().startsWith("conv_"), conversation.id());
        assertEquals("fruit", conversation._metadata().convert(Map.class).get("topic"));

        Conversation read = CLIENT.conversations().retrieve(ConversationRetrieveParams.builder()
                .conversationId(conversation.id()).putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(conversation.id(), read.id());
        assertEquals(conversation.createdAt(), read.createdAt());

        Conversation updated = CLIENT.conversations().update(ConversationUpdateParams.builder()
                .conversationId(conversation.id()).metadata(JsonValue.from(Map.of("topic", "vegetables")))
                .putAdditionalQueryParam("agent", "assistant").build());
        assertEquals("vegetables", updated._metadata().convert(Map.class).get("topic"));

        List<ConversationItem> first = items(conversation.id());
        assertEquals(2, first.size());
        assertEquals("an apple", first.get(0).asMessage().content().get(0).asInputText().text());
        CLIENT.conversations().items().create(ItemCreateParams.builder().conversationId(conversation.id())
                .addItem(user("a plum")).putAdditionalQueryParam("agent", "assistant").build());
        List<ConversationItem> three = items(conversation.id());
        assertEquals(3, three.size());
        String plum = three.get(2).asMessage().id();

        ConversationItem one = CLIENT.conversations().items().retrieve(ItemRetrieveParams.builder()
                .conversationId(conversation.id()).itemId(plum).putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(plum, one.asMessage().id());
        CLIENT.conversations().items().delete(ItemDeleteParams.builder().conversationId(conversation.id())
                .itemId(plum).putAdditionalQueryParam("agent", "assistant").build());
        assertEquals(2, items(conversation.id()).size());

        assertTrue(CLIENT.conversations().delete(ConversationDeleteParams.builder().conversationId(conversation.id())
                .putAdditionalQueryParam("agent", "assistant").build()).deleted());
        assertThrows(NotFoundException.class, () -> CLIENT.conversations().retrieve(ConversationRetrieveParams
                .builder().conversationId(conversation.id()).putAdditionalQueryParam("agent", "assistant").build()));
    }

    @Test
    void responsesThatNameAConversationReadItsItemsAndAddTheirOwn() {
        Conversation conversation = create("assistant", "the word is banana");

        Response first = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .conversation(conversation.id()).input("what was the word?").build());
        List<ConversationItem> after = items(conversation.id());
        // The first item, the response's input, then its output: the host toolboxes' lists and the answer.
        assertEquals(2 + first.output().size(), after.size(), after.toString());
        assertEquals("what was the word?", after.get(1).asMessage().content().get(0).asInputText().text());
        assertEquals("assistant", after.get(after.size() - 1).asMessage().role().asString());
        assertEquals(first.output().get(first.output().size() - 1).asMessage().id(),
                after.get(after.size() - 1).asMessage().id());

        // The object form of the parameter, as other SDKs send it.
        HttpResponse<String> second = TestServer.post("/v1/responses", "{\"model\":\"assistant\",\"conversation\":"
                + "{\"id\":\"" + conversation.id() + "\"},\"input\":\"and again?\"}");
        assertEquals(200, second.statusCode(), second.body());
        long firstInput = first.usage().orElseThrow().inputTokens();
        long secondInput = TestServer.json(second.body()).getJsonObject("usage").getJsonNumber("input_tokens")
                .longValue();
        assertTrue(secondInput > firstInput, "the second run read the whole conversation: " + firstInput + " then "
                + secondInput);
        assertEquals(after.size() + 1 + TestServer.json(second.body()).getJsonArray("output").size(),
                items(conversation.id()).size());
    }

    @Test
    void anotherAgentsConversationIsRefusedAndAnUnknownIdIsStillAKeyOfItsOwn() {
        Conversation assistants = create("assistant", "for the assistant only");

        OpenAIServiceException refused = assertThrows(OpenAIServiceException.class, () -> CLIENT.responses()
                .create(ResponseCreateParams.builder().model("travel").conversation(assistants.id()).input("mine?")
                        .build()));
        assertEquals(409, refused.statusCode());
        assertEquals(1, items(assistants.id()).size(), "nothing was added");
        assertThrows(OpenAIServiceException.class, () -> CLIENT.conversations().retrieve(ConversationRetrieveParams
                .builder().conversationId(assistants.id()).putAdditionalQueryParam("agent", "travel").build()));

        Response keyed = CLIENT.responses().create(ResponseCreateParams.builder().model("assistant")
                .conversation("a-key-of-its-own").input("still works").build());
        assertEquals("still works", TestServer.lastText(keyed));
    }

    @Test
    void badConversationRequestsGetOpenAiErrorsAndChangeNothing() {
        for (String body : List.of("[]", "{\"items\":\"x\"}", "{\"metadata\":{\"k\":1}}",
                "{\"items\":[" + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\"},".repeat(20)
                        + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\"}]}")) {
            HttpResponse<String> answer = TestServer.post("/v1/conversations?agent=assistant", body);
            assertEquals(400, answer.statusCode(), body + ": " + answer.body());
            JsonObject error = TestServer.json(answer.body()).getJsonObject("error");
            assertEquals("invalid_request_error", error.getString("type"), body);
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
        assertThrows(BadRequestException.class, () -> CLIENT.conversations().items().create(ItemCreateParams.builder()
                .conversationId(create("assistant").id()).items(List.of())
                .putAdditionalQueryParam("agent", "assistant").build()));
        assertEquals(404, TestServer.get("/v1/conversations/conv_nosuch?agent=assistant").statusCode());
    }
}
