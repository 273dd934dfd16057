package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The server-sent events of a streaming Chat Completions answer, line by line, assembled into one {@link ModelReply}:
 * text handed on as it comes, tool calls put together from their fragments (by {@code index}), the usage of the last
 * chunk, and why the model stopped.
 */
final class ChatCompletionsStream {

    private final Consumer<String> textDeltas;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, PartialToolCall> calls = new TreeMap<>();
    private Usage usage = Usage.ZERO;
    private ModelReply.FinishReason finish = ModelReply.FinishReason.STOP;
    private boolean done;
    private boolean received;

    ChatCompletionsStream(Consumer<String> textDeltas) {
        this.textDeltas = textDeltas;
    }

    /** Takes one line of the stream; true once the stream said it is done ({@code data: [DONE]}). */
    boolean line(String line) {
        if (!line.startsWith("data:")) {
            return done; // blank lines, comments, event names and ids carry nothing here
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
            done = true;
        } else if (!data.isEmpty()) {
            chunk(parse(data));
            received = true;
        }
        return done;
    }

    /** Whether the answer was a stream at all: a chunk, or its end. */
    boolean received() {
        return received || done;
    }

    ModelReply reply() {
        List<ToolCall> toolCalls = calls.values().stream().map(PartialToolCall::toToolCall).toList();
        return new ModelReply(text.toString(), toolCalls, usage, finish);
    }

    private void chunk(JsonObject chunk) {
        if (chunk.get("error") instanceof JsonObject error) {
            throw new ModelException("the model endpoint failed: " + ChatCompletionsErrors.describe(error), null);
        }
        if (chunk.get("usage") instanceof JsonObject counted) {
            usage = new Usage(number(counted, "prompt_tokens"), number(counted, "completion_tokens"));
        }
        if (!(chunk.get("choices") instanceof JsonArray choices)) {
            return;
        }
        for (JsonValue value : choices) {
            if (!(value instanceof JsonObject choice)) {
                continue;
            }
            if (choice.get("delta") instanceof JsonObject delta) {
                if (delta.get("content") instanceof JsonString content && !content.getString().isEmpty()) {
                    text.append(content.getString());
                    textDeltas.accept(content.getString());
                }
                if (delta.get("tool_calls") instanceof JsonArray fragments) {
                    for (JsonValue fragment : fragments) {
                        if (fragment instanceof JsonObject call) {
                            calls.computeIfAbsent(call.getInt("index", calls.size()), i -> new PartialToolCall())
                                    .add(call);
                        }
                    }
                }
            }
            if (choice.get("finish_reason") instanceof JsonString reason) {
                finish = finishReason(reason.getString());
            }
        }
    }

    private static long number(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber number ? number.longValue() : 0;
    }

    private static ModelReply.FinishReason finishReason(String reason) {
        return switch (reason) {
            case "length" -> ModelReply.FinishReason.LENGTH;
            case "tool_calls", "function_call" -> ModelReply.FinishReason.TOOL_CALLS;
            case "content_filter" -> ModelReply.FinishReason.CONTENT_FILTER;
            default -> ModelReply.FinishReason.STOP;
        };
    }

    private static JsonObject parse(String data) {
        return Json.objectIn(data).orElseThrow(
                () -> new ModelException("the model endpoint sent a chunk that is not a JSON object", null));
    }

    /** A tool call assembled from the fragments a streaming model sends. */
    private static final class PartialToolCall {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();

        void add(JsonObject fragment) {
            id = fragment.getString("id", id);
            if (fragment.get("function") instanceof JsonObject function) {
                name = function.getString("name", name);
                arguments.append(function.getString("arguments", ""));
            }
        }

        ToolCall toToolCall() {
            return new ToolCall(id, name, arguments.length() == 0 ? "{}" : arguments.toString());
        }
    }
}
