package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The offline model: answers with the user's own text, or calls a tool when the last user message is
 * {@code /call <tool> <json arguments>} and then reports what the tool returned. It needs no network, so the
 * server works out of the box and tests are deterministic.
 */
public final class EchoModel implements ModelClient {

    static final String CALL_PREFIX = "/call ";

    @Override
    public String providerName() {
        return "agent-host.echo";
    }

    @Override
    public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
        long inputTokens = TokenCounter.ofMessages(request.messages());
        ChatMessage last = request.messages().isEmpty() ? null : request.messages().get(request.messages().size() - 1);
        if (last instanceof ChatMessage.ToolResult result) {
            return say(result.toolName() + " returned: " + result.output(), inputTokens, request, textDeltas);
        }
        String said = lastUserText(request.messages());
        if (said.startsWith(CALL_PREFIX) && request.toolChoice().mode() != ToolChoice.Mode.NONE) {
            return call(said.substring(CALL_PREFIX.length()).strip(), inputTokens, request, textDeltas);
        }
        return say(said, inputTokens, request, textDeltas);
    }

    private ModelReply call(String command, long inputTokens, ModelRequest request, Consumer<String> textDeltas) {
        int space = command.indexOf(' ');
        String named = space < 0 ? command : command.substring(0, space);
        String arguments = space < 0 ? "{}" : command.substring(space + 1).strip();
        String tool = offeredName(named, request.tools());
        if (tool == null) {
            return say("there is no tool named " + named, inputTokens, request, textDeltas);
        }
        try (var reader = Json.createReader(new StringReader(arguments))) {
            JsonObject parsed = reader.readObject();
            ToolCall toolCall = new ToolCall("call_" + UUID.randomUUID().toString().replace("-", ""), tool,
                    parsed.toString());
            long outputTokens = TokenCounter.count(tool) + TokenCounter.count(toolCall.arguments());
            return new ModelReply("", List.of(toolCall), new Usage(inputTokens, outputTokens),
                    ModelReply.FinishReason.TOOL_CALLS);
        } catch (JsonException | IllegalStateException e) {
            return say("cannot call " + tool + ": the arguments are not a JSON object", inputTokens, request,
                    textDeltas);
        }
    }

    /**
     * The offered tool a {@code /call} names: by the name it is offered under, or as {@code <server_label>.<tool>},
     * which is offered as {@code <server_label>__<tool>} when two servers have a tool of that name and as
     * {@code <tool>} when only one has.
     */
    private static String offeredName(String named, List<ToolSpec> tools) {
        int dot = named.indexOf('.');
        List<String> candidates = dot < 0 ? List.of(named)
                : List.of(named, named.substring(0, dot) + "__" + named.substring(dot + 1), named.substring(dot + 1));
        for (String candidate : candidates) {
            if (tools.stream().anyMatch(t -> t.name().equals(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static ModelReply say(String said, long inputTokens, ModelRequest request, Consumer<String> textDeltas) {
        String text = StructuredAnswer.of(request.settings().format(), said);
        List<String> tokens = TokenCounter.split(text);
        Integer limit = request.maxOutputTokens();
        boolean truncated = limit != null && tokens.size() > limit;
        List<String> spoken = truncated ? tokens.subList(0, limit) : tokens;
        StringBuilder answer = new StringBuilder();
        for (String token : spoken) {
            textDeltas.accept(token);
            answer.append(token);
        }
        return new ModelReply(answer.toString(), List.of(), new Usage(inputTokens, spoken.size()),
                truncated ? ModelReply.FinishReason.LENGTH : ModelReply.FinishReason.STOP);
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ChatMessage.User user) {
                return user.text();
            }
        }
        return "";
    }
}
