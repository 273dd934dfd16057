package io.agenthost.model;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A model behind an OpenAI-compatible Chat Completions endpoint (OpenAI, Azure OpenAI, local servers). */
public final class OpenAiChatModel implements ModelClient, AutoCloseable {

    private final OpenAIClient client;

    public OpenAiChatModel(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public String kind() {
        return "openai";
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
        StringBuilder text = new StringBuilder();
        Map<Long, PartialToolCall> calls = new TreeMap<>();
        Usage usage = Usage.ZERO;
        ModelReply.FinishReason finish = ModelReply.FinishReason.STOP;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(request))) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                if (chunk.usage().isPresent()) {
                    usage = new Usage(chunk.usage().get().promptTokens(), chunk.usage().get().completionTokens());
                }
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    ChatCompletionChunk.Choice.Delta delta = choice.delta();
                    delta.content().filter(s -> !s.isEmpty()).ifPresent(s -> {
                        text.append(s);
                        textDeltas.accept(s);
                    });
                    delta.toolCalls().ifPresent(list -> list.forEach(
                            d -> calls.computeIfAbsent(d.index(), i -> new PartialToolCall()).add(d)));
                    if (choice.finishReason().isPresent()) {
                        finish = finishReason(choice.finishReason().get());
                    }
                }
            }
        } catch (OpenAIException e) {
            throw new ModelException("the model endpoint failed: " + e.getClass().getSimpleName(), e);
        }
        List<ToolCall> toolCalls = calls.values().stream().map(PartialToolCall::toToolCall).toList();
        return new ModelReply(text.toString(), toolCalls, usage, finish);
    }

    static ChatCompletionCreateParams params(ModelRequest request) {
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
                .model(request.model())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (request.maxOutputTokens() != null) {
            builder.maxCompletionTokens(request.maxOutputTokens().longValue());
        }
        for (ChatMessage message : request.messages()) {
            addMessage(builder, message);
        }
        for (ToolSpec tool : request.tools()) {
            builder.addTool(ChatCompletionFunctionTool.builder().function(function(tool)).build());
        }
        if (!request.tools().isEmpty()) {
            toolChoice(builder, request.toolChoice());
        }
        settings(builder, request.settings(), !request.tools().isEmpty());
        return builder.build();
    }

    private static void addMessage(ChatCompletionCreateParams.Builder builder, ChatMessage message) {
        if (message instanceof ChatMessage.System system) {
            builder.addSystemMessage(system.text());
        } else if (message instanceof ChatMessage.User user) {
            builder.addUserMessage(user.text());
        } else if (message instanceof ChatMessage.Assistant assistant) {
            ChatCompletionAssistantMessageParam.Builder param = ChatCompletionAssistantMessageParam.builder();
            if (!assistant.text().isEmpty() || assistant.toolCalls().isEmpty()) {
                param.content(assistant.text());
            }
            for (ToolCall call : assistant.toolCalls()) {
                param.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                        .id(call.callId())
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                .name(call.name()).arguments(call.arguments()).build())
                        .build());
            }
            builder.addMessage(param.build());
        } else {
            ChatMessage.ToolResult result = (ChatMessage.ToolResult) message;
            builder.addMessage(ChatCompletionToolMessageParam.builder()
                    .toolCallId(result.callId()).content(result.output()).build());
        }
    }

    private static FunctionDefinition function(ToolSpec tool) {
        FunctionDefinition.Builder function = FunctionDefinition.builder().name(tool.name());
        if (tool.description() != null && !tool.description().isEmpty()) {
            function.description(tool.description());
        }
        JsonObject schema = tool.parameters();
        if (schema != null) {
            FunctionParameters.Builder parameters = FunctionParameters.builder();
            schema.forEach((key, value) -> parameters.putAdditionalProperty(key, JsonValue.from(JsonConversion.toJava(value))));
            function.parameters(parameters.build());
        }
        return function.build();
    }

    /** What the client asked of the answer, as Chat Completions fields; nothing it did not ask for. */
    private static void settings(ChatCompletionCreateParams.Builder builder, ModelSettings settings, boolean tools) {
        if (settings.temperature() != null) {
            builder.temperature(settings.temperature());
        }
        if (settings.topP() != null) {
            builder.topP(settings.topP());
        }
        OutputFormat format = settings.format();
        if (format.type().equals("json_object")) {
            builder.responseFormat(ResponseFormatJsonObject.builder().build());
        } else if (format.type().equals("json_schema")) {
            ResponseFormatJsonSchema.JsonSchema.Schema.Builder body = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
            format.schema().forEach((key, value) -> body.putAdditionalProperty(key,
                    JsonValue.from(JsonConversion.toJava(value))));
            ResponseFormatJsonSchema.JsonSchema.Builder schema = ResponseFormatJsonSchema.JsonSchema.builder()
                    .name(format.name()).schema(body.build());
            if (format.strict() != null) {
                schema.strict(format.strict());
            }
            builder.responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(schema.build()).build());
        }
        if (settings.parallelToolCalls() != null && tools) {
            builder.parallelToolCalls(settings.parallelToolCalls());
        }
        if (settings.reasoningEffort() != null) {
            builder.reasoningEffort(ReasoningEffort.of(settings.reasoningEffort()));
        }
        if (settings.promptCacheKey() != null) {
            builder.promptCacheKey(settings.promptCacheKey());
        }
        if (settings.safetyIdentifier() != null) {
            builder.safetyIdentifier(settings.safetyIdentifier());
        }
    }

    private static void toolChoice(ChatCompletionCreateParams.Builder builder, ToolChoice choice) {
        switch (choice.mode()) {
            case NONE -> builder.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE);
            case REQUIRED -> builder.toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED);
            case FUNCTION -> builder.toolChoice(ChatCompletionNamedToolChoice.builder()
                    .function(ChatCompletionNamedToolChoice.Function.builder().name(choice.function()).build())
                    .build());
            default -> builder.toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO);
        }
    }

    private static ModelReply.FinishReason finishReason(ChatCompletionChunk.Choice.FinishReason reason) {
        if (reason.equals(ChatCompletionChunk.Choice.FinishReason.LENGTH)) {
            return ModelReply.FinishReason.LENGTH;
        }
        if (reason.equals(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS)) {
            return ModelReply.FinishReason.TOOL_CALLS;
        }
        if (reason.equals(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER)) {
            return ModelReply.FinishReason.CONTENT_FILTER;
        }
        return ModelReply.FinishReason.STOP;
    }

    /** A tool call assembled from the fragments a streaming model sends. */
    private static final class PartialToolCall {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();

        void add(ChatCompletionChunk.Choice.Delta.ToolCall delta) {
            delta.id().ifPresent(value -> id = value);
            delta.function().ifPresent(f -> {
                f.name().ifPresent(value -> name = value);
                f.arguments().ifPresent(arguments::append);
            });
        }

        ToolCall toToolCall() {
            return new ToolCall(id, name, arguments.length() == 0 ? "{}" : arguments.toString());
        }
    }

}
