package io.agenthost.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoModelTest {

    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "", Json.createObjectBuilder().build());
    private final EchoModel model = new EchoModel();

    @Test
    void answersWithTheLastUserMessageOneTokenPerDelta() {
        List<String> deltas = new ArrayList<>();
        ModelReply reply = model.complete(request(List.of(new ChatMessage.System("be brief"),
                new ChatMessage.User("first"), new ChatMessage.Assistant("first", List.of()),
                new ChatMessage.User("hello  big world")), List.of(), ToolChoice.AUTO, null), deltas::add);

        assertEquals("hello  big world", reply.text());
        assertEquals(List.of("hello  ", "big ", "world"), deltas);
        assertEquals(ModelReply.FinishReason.STOP, reply.finishReason());
        assertEquals(3, reply.usage().outputTokens());
        assertEquals(2 + 1 + 1 + 3, reply.usage().inputTokens());
    }

    @Test
    void callsTheNamedToolWithItsArguments() {
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("/call get_weather {\"city\": \"Paris\"}")),
                List.of(WEATHER), ToolChoice.AUTO, null), d -> {
                });

        assertEquals(1, reply.toolCalls().size());
        ToolCall call = reply.toolCalls().get(0);
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Paris\"}", call.arguments());
        assertTrue(call.callId().startsWith("call_"));
        assertEquals(ModelReply.FinishReason.TOOL_CALLS, reply.finishReason());
        assertEquals("", reply.text());
    }

    @Test
    void reportsWhatTheToolReturned() {
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("/call get_weather {}"),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_1", "get_weather", "{}"))),
                new ChatMessage.ToolResult("call_1", "get_weather", "sunny")), List.of(WEATHER), ToolChoice.AUTO, null),
                d -> {
                });

        assertEquals("get_weather returned: sunny", reply.text());
        assertTrue(reply.toolCalls().isEmpty());
    }

    @Test
    void saysSoWhenTheToolIsNotOffered() {
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("/call missing {}")), List.of(WEATHER),
                ToolChoice.AUTO, null), d -> {
                });

        assertEquals("there is no tool named missing", reply.text());
        assertTrue(reply.toolCalls().isEmpty());
    }

    @Test
    void refusesArgumentsThatAreNotAJsonObject() {
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("/call get_weather [1,2]")),
                List.of(WEATHER), ToolChoice.AUTO, null), d -> {
                });

        assertEquals("cannot call get_weather: the arguments are not a JSON object", reply.text());
        assertTrue(reply.toolCalls().isEmpty());
    }

    @Test
    void toolChoiceNoneEchoesTheCommand() {
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("/call get_weather {}")),
                List.of(WEATHER), ToolChoice.NONE, null), d -> {
                });

        assertEquals("/call get_weather {}", reply.text());
    }

    @Test
    void stopsAtTheOutputTokenLimit() {
        List<String> deltas = new ArrayList<>();
        ModelReply reply = model.complete(request(List.of(new ChatMessage.User("one two three four")), List.of(),
                ToolChoice.AUTO, 2), deltas::add);

        assertEquals("one two ", reply.text());
        assertEquals(2, deltas.size());
        assertEquals(ModelReply.FinishReason.LENGTH, reply.finishReason());
        assertEquals(2, reply.usage().outputTokens());
    }

    private static ModelRequest request(List<ChatMessage> messages, List<ToolSpec> tools, ToolChoice choice,
            Integer maxTokens) {
        return new ModelRequest("unused", messages, tools, choice, maxTokens);
    }
}
