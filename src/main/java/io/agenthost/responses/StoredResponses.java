package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.HostedAgent;
import io.agenthost.json.Json;
import io.agenthost.run.CallerIdentity;
import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, lists and deletes stored responses through one agent, for their caller: a response of another agent is
 * refused, and one of another caller is not found, before anything of it is read or changed.
 */
final class StoredResponses {

    private final AgentSessions agents;
    private final ResponseRepository store;
    private final CallerIdentity caller;
    private final EventRepository events;

    StoredResponses(AgentCatalog agents, ResponseRepository store, CallerIdentity caller, EventRepository events) {
        this.agents = new AgentSessions(agents);
        this.store = store;
        this.caller = caller;
        this.events = events;
    }

    /**
     * @param agentName the agent the client acts through, or null
     */
    JsonValue retrieve(String id, String agentName) {
        return Json.read(owned(id, agentName).responseJson());
    }

    JsonObject delete(String id, String agentName) {
        owned(id, agentName);
        if (!store.delete(id)) {
            throw notFound(id);
        }
        events.deleteOf(id);
        return Json.createObjectBuilder().add("id", id).add("object", "response").add("deleted", true).build();
    }

    /** @param limit 1 to 100; @param order {@code asc} or {@code desc} (checked by {@link QueryValues}) */
    JsonObject inputItems(String id, String agentName, int limit, String order, String after) {
        List<JsonObject> items = new ArrayList<>();
        Json.read(owned(id, agentName).inputJson()).asJsonArray().forEach(v -> items.add(v.asJsonObject()));
        return ItemPage.of(items, limit, order, after, "this response");
    }

    /**
     * The agent is settled first, so that a caller who names none learns nothing about which ids exist; another
     * caller's response is not found, whichever agent is named.
     */
    ResponseRecord owned(String id, String agentName) {
        HostedAgent agent = agents.forStored(agentName);
        String name = caller.name();
        ResponseRecord record = store.find(id).filter(found -> found.ownedBy(name)).orElseThrow(() -> notFound(id));
        AgentSessions.requireOwner(agent, record, "response_id");
        return record;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Response with id '" + id + "' not found.", "response_id", "response_not_found");
    }
}
