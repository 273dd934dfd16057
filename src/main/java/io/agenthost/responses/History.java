package io.agenthost.responses;

import io.agenthost.agent.ApprovalDecision;
import io.agenthost.model.ChatMessage;
import io.agenthost.model.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the items of a conversation (earlier input and output, then the new input) into the messages a model
 * sees, and checks that the new input answers what the history asks of it: every function call gets exactly
 * the outputs it is owed, and no output answers a call that was never made.
 */
final class History {

    private History() {
    }

    /**
     * The new input's answers to the approval requests of the history, with the calls they concern; an answer to a
     * request the history does not hold is refused.
     */
    static List<ApprovalDecision> approvals(List<JsonObject> earlier, List<JsonObject> input) {
        List<ApprovalDecision> decisions = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonObject item = input.get(i);
            if ("mcp_approval_response".equals(item.getString("type"))) {
                String requestId = item.getString("approval_request_id");
                JsonObject request = earlier.stream()
                        .filter(e -> "mcp_approval_request".equals(e.getString("type", ""))
                                && requestId.equals(e.getString("id", "")))
                        .findFirst()
                        .orElse(null);
                if (request == null) {
                    throw ApiException.badRequest("No approval request '" + requestId + "' in this conversation.",
                            "input[" + i + "].approval_request_id");
                }
                decisions.add(new ApprovalDecision(requestId, request.getString("server_label"),
                        request.getString("name"), request.getString("arguments"), item.getBoolean("approve")));
            }
        }
        return decisions;
    }

    static List<ChatMessage> toMessages(List<JsonObject> earlier, List<JsonObject> input) {
        Map<String, JsonObject> calls = new HashMap<>();
        Map<String, String> unanswered = new LinkedHashMap<>();
        for (JsonObject item : earlier) {
            track(item, calls, unanswered);
        }
        for (int i = 0; i < input.size(); i++) {
            JsonObject item = input.get(i);
            if ("function_call_output".equals(item.getString("type"))) {
                String callId = item.getString("call_id");
                if (!calls.containsKey(callId)) {
                    throw ApiException.badRequest("No function call found for function call output with call_id '"
                            + callId + "'.", "input[" + i + "].call_id");
                }
            }
            track(item, calls, unanswered);
        }
        if (!unanswered.isEmpty()) {
            String callId = unanswered.keySet().iterator().next();
            throw ApiException.badRequest("No tool output found for function call '" + callId + "'.", "input");
        }

        List<ChatMessage> messages = new ArrayList<>();
        for (JsonObject item : earlier) {
            add(messages, item, calls);
        }
        for (JsonObject item : input) {
            add(messages, item, calls);
        }
        return messages;
    }

    private static void track(JsonObject item, Map<String, JsonObject> calls, Map<String, String> unanswered) {
        switch (item.getString("type", "")) {
            case "function_call" -> {
                calls.put(item.getString("call_id"), item);
                unanswered.put(item.getString("call_id"), item.getString("name"));
            }
            case "function_call_output" -> unanswered.remove(item.getString("call_id"));
            default -> {
            }
        }
    }

    private static void add(List<ChatMessage> messages, JsonObject item, Map<String, JsonObject> calls) {
        switch (item.getString("type", "")) {
            case "message" -> {
                String text = text(item.getJsonArray("content"));
                switch (item.getString("role")) {
                    case "assistant" -> messages.add(new ChatMessage.Assistant(text, List.of()));
                    case "system", "developer" -> messages.add(new ChatMessage.System(text));
                    default -> messages.add(new ChatMessage.User(text));
                }
            }
            case "function_call" -> {
                addCall(messages, new ToolCall(item.getString("call_id"), item.getString("name"),
                        item.getString("arguments")));
            }
            case "mcp_call" -> {
                // A call the server made: the model sees it as its own call followed by the result.
                String callId = item.getString("id");
                String tool = item.getString("name");
                addCall(messages, new ToolCall(callId, tool, item.getString("arguments")));
                JsonValue error = item.get("error");
                String output = error != null && error.getValueType() != JsonValue.ValueType.NULL
                        ? McpErrors.fromJson(error).forModel()
                        : item.get("output") instanceof JsonString text ? text.getString() : "";
                messages.add(new ChatMessage.ToolResult(callId, tool, output));
            }
            case "function_call_output" -> {
                String callId = item.getString("call_id");
                JsonValue output = item.get("output");
                String text = output instanceof JsonString s ? s.getString() : text(output.asJsonArray());
                messages.add(new ChatMessage.ToolResult(callId, calls.get(callId).getString("name"), text));
            }
            default -> {
                // Items without meaning to the model (approval responses are handled by the runner) are skipped.
            }
        }
    }

    /** Calls that follow an assistant message belong to it, as Chat Completions expects. */
    private static void addCall(List<ChatMessage> messages, ToolCall call) {
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last) instanceof ChatMessage.Assistant previous) {
            List<ToolCall> merged = new ArrayList<>(previous.toolCalls());
            merged.add(call);
            messages.set(last, new ChatMessage.Assistant(previous.text(), merged));
        } else {
            messages.add(new ChatMessage.Assistant("", List.of(call)));
        }
    }

    /** The text of a list of content parts, joined. */
    static String text(JsonArray parts) {
        StringBuilder text = new StringBuilder();
        for (JsonValue value : parts) {
            if (value instanceof JsonObject part) {
                if (part.get("text") instanceof JsonString s) {
                    text.append(s.getString());
                } else if (part.get("refusal") instanceof JsonString s) {
                    text.append(s.getString());
                }
            }
        }
        return text.toString();
    }
}
