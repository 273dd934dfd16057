package io.agenthost.responses;

import io.agenthost.agent.RunListener;
import io.agenthost.model.ToolCall;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Turns what a run produces into output items of the response and into the Responses stream events, in the
 * order the OpenAI SDKs expect: an item is added before its deltas, a content part before its text.
 */
final class ResponseAssembler implements RunListener {

    private static final JsonArray NO_ANNOTATIONS = JsonValue.EMPTY_JSON_ARRAY;

    private final ResponseObject response;
    private final EventSink events;
    private String messageId;
    private int messageIndex;

    ResponseAssembler(ResponseObject response, EventSink events) {
        this.response = response;
        this.events = events;
    }

    void started() {
        events.send("response.created", Json.createObjectBuilder().add("response", response.toJson()));
        events.send("response.in_progress", Json.createObjectBuilder().add("response", response.toJson()));
    }

    @Override
    public void textDelta(String delta) {
        if (messageId == null) {
            messageId = Ids.next("msg");
            JsonObject item = message("in_progress", JsonValue.EMPTY_JSON_ARRAY);
            messageIndex = response.add(item);
            events.send("response.output_item.added", itemEvent(item));
            events.send("response.content_part.added", partEvent().add("part", textPart("")));
        }
        events.send("response.output_text.delta", partEvent().add("delta", delta).add("logprobs", JsonValue.EMPTY_JSON_ARRAY));
    }

    @Override
    public void textDone(String text) {
        events.send("response.output_text.done", partEvent().add("text", text).add("logprobs", JsonValue.EMPTY_JSON_ARRAY));
        events.send("response.content_part.done", partEvent().add("part", textPart(text)));
        JsonObject item = message("completed", Json.createArrayBuilder().add(textPart(text)).build());
        response.replace(messageIndex, item);
        events.send("response.output_item.done", itemEvent(item));
        messageId = null;
    }

    @Override
    public void functionCall(ToolCall call) {
        String id = Ids.next("fc");
        JsonObject added = functionCallItem(id, call, "", "in_progress");
        int index = response.add(added);
        events.send("response.output_item.added", Json.createObjectBuilder().add("output_index", index).add("item", added));
        events.send("response.function_call_arguments.delta", Json.createObjectBuilder()
                .add("item_id", id).add("output_index", index).add("delta", call.arguments()));
        events.send("response.function_call_arguments.done", Json.createObjectBuilder()
                .add("item_id", id).add("output_index", index).add("name", call.name())
                .add("arguments", call.arguments()));
        JsonObject done = functionCallItem(id, call, call.arguments(), "completed");
        response.replace(index, done);
        events.send("response.output_item.done", Json.createObjectBuilder().add("output_index", index).add("item", done));
    }

    /** Sends the one terminal event that matches how the response ended. */
    void finished() {
        String type = switch (response.status()) {
            case "completed" -> "response.completed";
            case "incomplete" -> "response.incomplete";
            default -> "response.failed";
        };
        events.send(type, Json.createObjectBuilder().add("response", response.toJson()));
    }

    private JsonObject message(String status, JsonArray content) {
        return Json.createObjectBuilder()
                .add("id", messageId)
                .add("type", "message")
                .add("status", status)
                .add("role", "assistant")
                .add("content", content)
                .build();
    }

    private static JsonObject functionCallItem(String id, ToolCall call, String arguments, String status) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("type", "function_call")
                .add("status", status)
                .add("call_id", call.callId())
                .add("name", call.name())
                .add("arguments", arguments)
                .build();
    }

    private JsonObjectBuilder itemEvent(JsonObject item) {
        return Json.createObjectBuilder().add("output_index", messageIndex).add("item", item);
    }

    private JsonObjectBuilder partEvent() {
        return Json.createObjectBuilder().add("item_id", messageId).add("output_index", messageIndex)
                .add("content_index", 0);
    }

    private static JsonObject textPart(String text) {
        return Json.createObjectBuilder().add("type", "output_text").add("text", text)
                .add("annotations", NO_ANNOTATIONS).add("logprobs", JsonValue.EMPTY_JSON_ARRAY).build();
    }
}
