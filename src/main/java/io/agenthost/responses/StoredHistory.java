package io.agenthost.responses;

import io.agenthost.agent.HostedAgent;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The items that came before a request: the chain of its previous responses, or its conversation so far. */
final class StoredHistory {

    /** Bounds the walk back through previous responses. */
    private static final int MAX_CHAIN = 10_000;

    private final ResponseStore store;

    StoredHistory(ResponseStore store) {
        this.store = store;
    }

    List<JsonObject> earlierItems(HostedAgent agent, CreateResponseRequest request) {
        if (request.previousResponseId() != null) {
            return chain(agent, request.previousResponseId());
        }
        if (request.conversation() != null) {
            List<JsonObject> items = new ArrayList<>();
            for (ResponseRecord record : store.conversation(agent.name(), request.conversation())) {
                if (!"in_progress".equals(record.status())) {
                    items.addAll(itemsOf(record));
                }
            }
            return items;
        }
        return List.of();
    }

    private List<JsonObject> chain(HostedAgent agent, String previousResponseId) {
        ResponseRecord previous = store.find(previousResponseId).orElseThrow(() -> ApiException.notFound(
                "Previous response with id '" + previousResponseId + "' not found.", "previous_response_id",
                "previous_response_not_found"));
        requireSameAgent(agent, previous);
        if ("in_progress".equals(previous.status())) {
            throw ApiException.conflict("Previous response '" + previousResponseId + "' is still in progress.",
                    "previous_response_id", "response_in_progress");
        }
        List<ResponseRecord> chain = new ArrayList<>();
        ResponseRecord current = previous;
        while (current != null && chain.size() < MAX_CHAIN) {
            chain.add(current);
            String parent = current.previousResponseId();
            current = parent == null ? null : store.find(parent).orElse(null);
        }
        Collections.reverse(chain);
        List<JsonObject> items = new ArrayList<>();
        chain.forEach(record -> items.addAll(itemsOf(record)));
        return items;
    }

    /**
     * A response continues only under the agent that made it. Ids are global, so this is what keeps one agent
     * from reading another's history; the error names both agents and nothing of the content.
     */
    static void requireSameAgent(HostedAgent agent, ResponseRecord record) {
        if (!record.agent().toLowerCase(Locale.ROOT).equals(agent.name().toLowerCase(Locale.ROOT))) {
            throw ApiException.conflict("Response '" + record.id() + "' belongs to agent '" + record.agent()
                    + "' and cannot be used by agent '" + agent.name() + "'.", "previous_response_id",
                    "agent_mismatch");
        }
    }

    private static List<JsonObject> itemsOf(ResponseRecord record) {
        List<JsonObject> items = new ArrayList<>();
        parse(record.inputJson()).asJsonArray().forEach(v -> items.add(v.asJsonObject()));
        parse(record.responseJson()).asJsonObject().getJsonArray("output").forEach(v -> items.add(v.asJsonObject()));
        return items;
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
