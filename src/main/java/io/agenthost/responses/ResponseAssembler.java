package io.agenthost.responses;

import io.agenthost.agent.McpCallFailure;
import io.agenthost.agent.RunListener;
import io.agenthost.background.StreamEvent;
import io.agenthost.json.Json;
import io.agenthost.mcp.McpTool;
import io.agenthost.model.ToolCall;
import io.agenthost.store.EventRecord;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.function.Predicate;

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

    void created() {
        events.send("response.created", Json.createObjectBuilder().add("response", response.toJson()));
    }

    void inProgress() {
        events.send("response.in_progress", Json.createObjectBuilder().add("response", response.toJson()));
    }

    @Override
    public void textDelta(String delta) {
        if (messageId == null) {
            messageId = Ids.next("msg");
            JsonObject item = message("in_progress", JsonValue.EMPTY_JSON_ARRAY);
            messageIndex = response.add(item);
            events.send("response.output_item.added", messageEvent());
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
        events.send("response.output_item.done", messageEvent());
        messageId = null;
    }

    @Override
    public void functionCall(ToolCall call) {
        String id = Ids.next("fc");
        JsonObject added = functionCallItem(id, call, "", "in_progress");
        int index = response.add(added);
        events.send("response.output_item.added", Json.createObjectBuilder().add("output_index", index).add("item", response.output().get(index)));
        events.send("response.function_call_arguments.delta", Json.createObjectBuilder()
                .add("item_id", id).add("output_index", index).add("delta", call.arguments()));
        events.send("response.function_call_arguments.done", Json.createObjectBuilder()
                .add("item_id", id).add("output_index", index).add("name", call.name())
                .add("arguments", call.arguments()));
        JsonObject done = functionCallItem(id, call, call.arguments(), "completed");
        response.replace(index, done);
        events.send("response.output_item.done", Json.createObjectBuilder().add("output_index", index).add("item", response.output().get(index)));
    }

    @Override
    public void mcpListTools(String serverLabel, List<McpTool> tools, String error) {
        String id = Ids.next("mcpl");
        JsonObject added = mcpListToolsItem(id, serverLabel, JsonValue.EMPTY_JSON_ARRAY, null);
        int index = response.add(added);
        events.send("response.output_item.added", indexed(index).add("item", response.output().get(index)));
        events.send("response.mcp_list_tools.in_progress", indexed(index).add("item_id", id));
        JsonArrayBuilder listed = Json.createArrayBuilder();
        for (McpTool tool : tools) {
            listed.add(Json.createObjectBuilder()
                    .add("name", tool.name())
                    .add("description", tool.description())
                    .add("input_schema", tool.inputSchema() == null ? JsonValue.EMPTY_JSON_OBJECT : tool.inputSchema())
                    .add("annotations", tool.annotations() == null ? JsonValue.NULL : tool.annotations()));
        }
        JsonObject done = mcpListToolsItem(id, serverLabel, listed.build(), error);
        response.replace(index, done);
        events.send(error == null ? "response.mcp_list_tools.completed" : "response.mcp_list_tools.failed",
                indexed(index).add("item_id", id));
        events.send("response.output_item.done", indexed(index).add("item", response.output().get(index)));
    }

    @Override
    public String mcpCallStarted(String serverLabel, String tool, String arguments, String approvalRequestId) {
        String id = Ids.next("mcp");
        JsonObject added = mcpCallItem(id, serverLabel, tool, arguments, null, null, "in_progress", approvalRequestId);
        int index = response.add(added);
        events.send("response.output_item.added", indexed(index).add("item", response.output().get(index)));
        events.send("response.mcp_call.in_progress", indexed(index).add("item_id", id));
        events.send("response.mcp_call_arguments.done", indexed(index).add("item_id", id).add("arguments", arguments));
        return id;
    }

    @Override
    public void mcpCallFinished(String itemId, String output, McpCallFailure failure) {
        int index = indexOf(itemId);
        JsonObject started = response.output().get(index);
        JsonObject done = mcpCallItem(itemId, started.getString("server_label"), started.getString("name"),
                started.getString("arguments"), output, failure == null ? null : McpErrors.toJson(failure),
                failure == null ? "completed" : "failed", started.getString("approval_request_id", null));
        response.replace(index, done);
        events.send(failure == null ? "response.mcp_call.completed" : "response.mcp_call.failed",
                indexed(index).add("item_id", itemId));
        events.send("response.output_item.done", indexed(index).add("item", response.output().get(index)));
    }

    /** Records the end of the response, with the events not stored yet where they are stored (EventSink#recordEnd). */
    boolean recordEnd(Predicate<List<EventRecord>> end) {
        return events.recordEnd(end);
    }

    /** Sends the one terminal event that matches how the response ended. */
    void finished() {
        finished(response.toJson());
    }

    /** Sends the terminal event of the response as it was stored. */
    void finished(JsonObject stored) {
        events.send(StreamEvent.terminalType(stored.getString("status")),
                Json.createObjectBuilder().add("response", stored));
    }

    private int indexOf(String itemId) {
        List<JsonObject> output = response.output();
        for (int i = output.size() - 1; i >= 0; i--) {
            if (itemId.equals(output.get(i).getString("id", null))) {
                return i;
            }
        }
        throw new IllegalStateException("no output item " + itemId);
    }

    private static JsonObjectBuilder indexed(int index) {
        return Json.createObjectBuilder().add("output_index", index);
    }

    private static JsonObject mcpListToolsItem(String id, String serverLabel, JsonArray tools, String error) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("type", "mcp_list_tools")
                .add("server_label", serverLabel)
                .add("tools", tools)
                .add("error", error == null ? JsonValue.NULL : Json.createValue(error))
                .build();
    }

    @Override
    public void oauthConsentRequest(String serverLabel, String consentLink) {
        JsonObject item = Json.createObjectBuilder()
                .add("id", Ids.next("oauthreq"))
                .add("type", "oauth_consent_request")
                .add("server_label", serverLabel)
                .add("consent_link", consentLink)
                .build();
        addComplete(item);
    }

    @Override
    public void mcpApprovalRequest(String serverLabel, String tool, String arguments) {
        JsonObject item = Json.createObjectBuilder()
                .add("id", Ids.next("mcpr"))
                .add("type", "mcp_approval_request")
                .add("server_label", serverLabel)
                .add("name", tool)
                .add("arguments", arguments)
                .build();
        addComplete(item);
    }

    /** Adds an item that is whole from the start: its added and done events follow each other. */
    private void addComplete(JsonObject item) {
        int index = response.add(item);
        events.send("response.output_item.added", indexed(index).add("item", response.output().get(index)));
        events.send("response.output_item.done", indexed(index).add("item", response.output().get(index)));
    }

    private static JsonObject mcpCallItem(String id, String serverLabel, String tool, String arguments, String output,
            JsonObject error, String status, String approvalRequestId) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("type", "mcp_call")
                .add("status", status)
                .add("server_label", serverLabel)
                .add("name", tool)
                .add("arguments", arguments)
                .add("output", output == null ? JsonValue.NULL : Json.createValue(output))
                .add("error", error == null ? JsonValue.NULL : error)
                .add("approval_request_id", approvalRequestId == null ? JsonValue.NULL
                        : Json.createValue(approvalRequestId))
                .build();
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

    /** The message item as the response holds it (with what the response stamps on every item). */
    private JsonObjectBuilder messageEvent() {
        return Json.createObjectBuilder().add("output_index", messageIndex).add("item", response.output().get(messageIndex));
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
