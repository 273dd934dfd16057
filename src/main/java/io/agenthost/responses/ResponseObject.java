package io.agenthost.responses;

import io.agenthost.json.Json;
import io.agenthost.model.ModelSettings;
import io.agenthost.model.Usage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** The response a run builds up: its fields, its output items in order, and how it ended. */
final class ResponseObject {

    private final String id;
    private final long createdAt;
    private final String agent;
    private final CreateResponseRequest request;
    private final String sessionId;
    private final List<JsonObject> output = new ArrayList<>();
    private String status;
    private JsonObject error;
    private String incompleteReason;
    private Usage usage;

    /** @param sessionId the hosted-agent session the response belongs to ({@code agent_session_id}) */
    ResponseObject(String id, long createdAt, String agent, CreateResponseRequest request, String sessionId) {
        this.id = id;
        this.createdAt = createdAt;
        this.agent = agent;
        this.request = request;
        this.sessionId = sessionId;
        this.status = request.background() ? "queued" : "in_progress";
    }

    String sessionId() {
        return sessionId;
    }

    String id() {
        return id;
    }

    long createdAt() {
        return createdAt;
    }

    String status() {
        return status;
    }

    List<JsonObject> output() {
        return output;
    }

    /** Adds an item and returns its output index. */
    int add(JsonObject item) {
        output.add(stamped(item));
        return output.size() - 1;
    }

    void replace(int index, JsonObject item) {
        output.set(index, stamped(item));
    }

    /** Every item names the agent that made it, as the hosted-agent contract asks, when the request named it so. */
    private JsonObject stamped(JsonObject item) {
        return request.agentReference() == null ? item
                : Json.createObjectBuilder(item).add("agent_reference", request.agentReference()).build();
    }

    /** A queued background response begins to run. */
    void start() {
        this.status = "in_progress";
    }

    void cancel() {
        this.status = "cancelled";
    }

    void complete(Usage usage) {
        this.status = "completed";
        this.usage = usage;
    }

    void incomplete(String reason, Usage usage) {
        this.status = "incomplete";
        this.incompleteReason = reason;
        this.usage = usage;
    }

    void fail(String code, String message) {
        this.status = "failed";
        this.error = Json.createObjectBuilder().add("code", code).add("message", message).build();
    }

    JsonObject toJson() {
        ModelSettings settings = request.settings();
        JsonArrayBuilder items = Json.createArrayBuilder();
        output.forEach(items::add);
        return Json.createObjectBuilder()
                .add("id", id)
                .add("object", "response")
                .add("created_at", createdAt)
                .add("status", status)
                .add("background", request.background())
                .add("error", error == null ? JsonValue.NULL : error)
                .add("incomplete_details", incompleteReason == null ? JsonValue.NULL
                        : Json.createObjectBuilder().add("reason", incompleteReason).build())
                .add("instructions", nullable(request.instructions()))
                .add("max_output_tokens", request.maxOutputTokens() == null ? JsonValue.NULL
                        : Json.createValue(request.maxOutputTokens()))
                .add("model", agent)
                .add("output", items)
                .add("parallel_tool_calls", settings.parallelToolCalls() == null || settings.parallelToolCalls())
                .add("previous_response_id", nullable(request.previousResponseId()))
                .add("conversation", request.conversation() == null ? JsonValue.NULL
                        : Json.createObjectBuilder().add("id", request.conversation()).build())
                .add("reasoning", Json.createObjectBuilder().add("effort", nullable(settings.reasoningEffort()))
                        .addNull("summary"))
                .add("service_tier", "default")
                .add("store", request.store())
                .add("temperature", settings.temperature() == null ? 1.0 : settings.temperature())
                .add("text", ModelParameters.echo(settings.format()))
                .add("tool_choice", request.toolChoiceJson())
                .add("tools", request.tools().echo())
                .add("top_p", settings.topP() == null ? 1.0 : settings.topP())
                .add("truncation", request.truncation())
                .add("max_tool_calls", request.maxToolCalls() == null ? JsonValue.NULL
                        : Json.createValue(request.maxToolCalls()))
                .add("prompt_cache_key", nullable(settings.promptCacheKey()))
                .add("safety_identifier", nullable(settings.safetyIdentifier()))
                .add("usage", usage == null ? JsonValue.NULL : usage(usage).build())
                .add("user", nullable(request.user()))
                .add("metadata", request.metadata())
                .add("agent_reference", request.agentReference() == null ? JsonValue.NULL : request.agentReference())
                .add("agent_session_id", sessionId)
                .build();
    }

    private static JsonObjectBuilder usage(Usage usage) {
        return Json.createObjectBuilder()
                .add("input_tokens", usage.inputTokens())
                .add("input_tokens_details", Json.createObjectBuilder().add("cached_tokens", 0).add("cache_write_tokens", 0))
                .add("output_tokens", usage.outputTokens())
                .add("output_tokens_details", Json.createObjectBuilder().add("reasoning_tokens", 0))
                .add("total_tokens", usage.totalTokens());
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }
}
