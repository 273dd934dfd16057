package io.agenthost.conversations;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.HostedAgent;
import io.agenthost.json.Json;
import io.agenthost.responses.AgentSessions;
import io.agenthost.responses.ApiException;
import io.agenthost.responses.ConversationItems;
import io.agenthost.responses.Ids;
import io.agenthost.responses.InputItems;
import io.agenthost.responses.ItemPage;
import io.agenthost.responses.RequestParser;
import io.agenthost.run.CallerIdentity;
import io.agenthost.store.ConversationRecord;
import io.agenthost.store.ConversationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/**
 * The Conversations API (README: HTTP API) in OpenAI's shapes. A conversation belongs to the agent it was created
 * through and to its caller: another caller's is not found, and another agent's is refused, as stored responses are.
 */
@ApplicationScoped
public class Conversations {

    /** The most items a conversation is created with, or that one request adds. */
    static final int MAX_ITEMS = 20;

    private final AgentSessions agents;
    private final ConversationRepository store;
    private final CallerIdentity caller;
    private final InputItems inputItems = new InputItems();

    @Inject
    public Conversations(AgentCatalog agents, ConversationRepository store, CallerIdentity caller) {
        this.agents = new AgentSessions(agents);
        this.store = store;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected Conversations() {
        this.agents = null;
        this.store = null;
        this.caller = null;
    }

    JsonObject create(String agentName, byte[] body) {
        HostedAgent agent = agents.forStored(agentName);
        JsonObject json = RequestParser.readObject(body);
        JsonObject metadata = RequestParser.metadata(json);
        List<JsonObject> items = items(json, false);
        ConversationRecord conversation = new ConversationRecord(Ids.next("conv"), agent.name(), caller.name(),
                Instant.now().getEpochSecond(), metadata.toString());
        store.create(conversation, ConversationItems.records(conversation.id(), items));
        return json(conversation);
    }

    JsonObject retrieve(String id, String agentName) {
        return json(owned(id, agentName));
    }

    JsonObject update(String id, String agentName, byte[] body) {
        owned(id, agentName);
        JsonObject json = RequestParser.readObject(body);
        if (!json.containsKey("metadata")) {
            throw ApiException.badRequest("Missing required parameter: 'metadata'.", "metadata",
                    "missing_required_parameter");
        }
        store.updateMetadata(id, RequestParser.metadata(json).toString());
        return json(owned(id, agentName));
    }

    JsonObject delete(String id, String agentName) {
        owned(id, agentName);
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return Json.createObjectBuilder().add("id", id).add("object", "conversation.deleted").add("deleted", true)
                .build();
    }

    JsonObject addItems(String id, String agentName, byte[] body) {
        owned(id, agentName);
        List<JsonObject> items = items(RequestParser.readObject(body), true);
        for (JsonObject item : items) {
            if (store.item(id, item.getString("id")).isPresent()) {
                throw ApiException.badRequest("Conversation '" + id + "' has an item '" + item.getString("id")
                        + "' already.", "items", "duplicate_item");
            }
        }
        store.addItems(ConversationItems.records(id, items));
        return ItemPage.list(items, false);
    }

    /** @param limit 1 to 100; @param order {@code asc} or {@code desc} (checked by {@code QueryValues}) */
    JsonObject items(String id, String agentName, int limit, String order, String after) {
        owned(id, agentName);
        return ItemPage.of(ConversationItems.items(store.items(id)), limit, order, after, "this conversation");
    }

    JsonObject item(String id, String agentName, String itemId) {
        owned(id, agentName);
        return store.item(id, itemId).map(record -> Json.readObject(record.itemJson()))
                .orElseThrow(() -> itemNotFound(itemId));
    }

    /** Deletes an item; answers the conversation, as OpenAI does. */
    JsonObject deleteItem(String id, String agentName, String itemId) {
        ConversationRecord conversation = owned(id, agentName);
        if (!store.deleteItem(id, itemId)) {
            throw itemNotFound(itemId);
        }
        return json(conversation);
    }

    /** The agent is settled first, so that a caller who names none learns nothing of which ids exist. */
    private ConversationRecord owned(String id, String agentName) {
        HostedAgent agent = agents.forStored(agentName);
        String name = caller.name();
        ConversationRecord conversation = store.find(id).filter(found -> found.ownedBy(name))
                .orElseThrow(() -> notFound(id));
        AgentSessions.requireOwner(agent, conversation, "conversation_id");
        return conversation;
    }

    private List<JsonObject> items(JsonObject json, boolean required) {
        if (!json.containsKey("items") || json.isNull("items")) {
            if (required) {
                throw ApiException.badRequest("Missing required parameter: 'items'.", "items",
                        "missing_required_parameter");
            }
            return List.of();
        }
        if (json.get("items").getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("'items' must be an array of items.", "items", "invalid_type");
        }
        if (required && json.getJsonArray("items").isEmpty()) {
            throw ApiException.badRequest("'items' must hold at least one item.", "items");
        }
        if (json.getJsonArray("items").size() > MAX_ITEMS) {
            throw ApiException.badRequest("'items' holds at most " + MAX_ITEMS + " items.", "items");
        }
        return inputItems.normalize(json.get("items"), "items");
    }

    private static JsonObject json(ConversationRecord conversation) {
        return Json.createObjectBuilder()
                .add("id", conversation.id())
                .add("object", "conversation")
                .add("created_at", conversation.createdAt())
                .add("metadata", Json.readObject(conversation.metadataJson()))
                .build();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Conversation with id '" + id + "' not found.", "conversation_id",
                "conversation_not_found");
    }

    private static ApiException itemNotFound(String itemId) {
        return ApiException.notFound("Item with id '" + itemId + "' not found.", "item_id", "item_not_found");
    }
}
