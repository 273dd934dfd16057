package io.agenthost.model;

import io.agenthost.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A {@link ModelRequest} as the body of a streaming Chat Completions request: the fields of the OpenAI API reference,
 * each only when the request says something, so that the model's own default applies otherwise.
 */
final class ChatCompletionsBody {

    private ChatCompletionsBody() {
    }

    static JsonObject of(ModelRequest request) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("model", request.model())
                .add("stream", true)
                .add("stream_options", Json.createObjectBuilder().add("include_usage", true));
        if (request.maxOutputTokens() != null) {
            body.add("max_completion_tokens", request.maxOutputTokens());
        }
        JsonArrayBuilder messages = Json.createArrayBuilder();
        request.messages().forEach(message -> messages.add(message(message)));
        body.add("messages", messages);
        if (!request.tools().isEmpty()) {
            JsonArrayBuilder tools = Json.createArrayBuilder();
            request.tools().forEach(tool -> tools.add(Json.createObjectBuilder().add("type", "function")
                    .add("function", function(tool))));
            body.add("tools", tools).add("tool_choice", toolChoice(request.toolChoice()));
        }
        settings(body, request.settings(), !request.tools().isEmpty());
        return body.build();
    }

    private static JsonObject message(ChatMessage message) {
        if (message instanceof ChatMessage.System system) {
            return Json.createObjectBuilder().add("role", "system").add("content", system.text()).build();
        }
        if (message instanceof ChatMessage.User user) {
            return Json.createObjectBuilder().add("role", "user").add("content", user.text()).build();
        }
        if (message instanceof ChatMessage.Assistant assistant) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("role", "assistant");
            if (!assistant.text().isEmpty() || assistant.toolCalls().isEmpty()) {
                json.add("content", assistant.text());
            }
            if (!assistant.toolCalls().isEmpty()) {
                JsonArrayBuilder calls = Json.createArrayBuilder();
                assistant.toolCalls().forEach(call -> calls.add(Json.createObjectBuilder().add("id", call.callId())
                        .add("type", "function").add("function", Json.createObjectBuilder()
                                .add("name", call.name()).add("arguments", call.arguments()))));
                json.add("tool_calls", calls);
            }
            return json.build();
        }
        ChatMessage.ToolResult result = (ChatMessage.ToolResult) message;
        return Json.createObjectBuilder().add("role", "tool").add("tool_call_id", result.callId())
                .add("content", result.output()).build();
    }

    private static JsonObject function(ToolSpec tool) {
        JsonObjectBuilder function = Json.createObjectBuilder().add("name", tool.name());
        if (tool.description() != null && !tool.description().isEmpty()) {
            function.add("description", tool.description());
        }
        if (tool.parameters() != null) {
            function.add("parameters", tool.parameters());
        }
        return function.build();
    }

    private static JsonValue toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case NONE -> Json.createValue("none");
            case REQUIRED -> Json.createValue("required");
            case FUNCTION -> Json.createObjectBuilder().add("type", "function")
                    .add("function", Json.createObjectBuilder().add("name", choice.function())).build();
            default -> Json.createValue("auto");
        };
    }

    /** What the client asked of the answer, as Chat Completions fields; nothing it did not ask for. */
    private static void settings(JsonObjectBuilder body, ModelSettings settings, boolean tools) {
        if (settings.temperature() != null) {
            body.add("temperature", settings.temperature());
        }
        if (settings.topP() != null) {
            body.add("top_p", settings.topP());
        }
        OutputFormat format = settings.format();
        if (format.type().equals("json_object")) {
            body.add("response_format", Json.createObjectBuilder().add("type", "json_object"));
        } else if (format.type().equals("json_schema")) {
            JsonObjectBuilder schema = Json.createObjectBuilder().add("name", format.name())
                    .add("schema", format.schema());
            if (format.strict() != null) {
                schema.add("strict", format.strict());
            }
            body.add("response_format", Json.createObjectBuilder().add("type", "json_schema")
                    .add("json_schema", schema));
        }
        if (settings.parallelToolCalls() != null && tools) {
            body.add("parallel_tool_calls", settings.parallelToolCalls());
        }
        if (settings.reasoningEffort() != null) {
            body.add("reasoning_effort", settings.reasoningEffort());
        }
        if (settings.promptCacheKey() != null) {
            body.add("prompt_cache_key", settings.promptCacheKey());
        }
        if (settings.safetyIdentifier() != null) {
            body.add("safety_identifier", settings.safetyIdentifier());
        }
    }
}
