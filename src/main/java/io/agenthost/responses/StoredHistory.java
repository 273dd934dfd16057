package io.agenthost.responses;

import io.agenthost.agent.HostedAgent;
import io.agenthost.json.Json;
import io.agenthost.store.ConversationRecord;
import io.agenthost.store.ConversationRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The responses that came before a request: the chain of its previous responses, or its conversation so far. Both
 * are looked up under the request's agent and caller: a conversation id is a key under that agent and caller only, a
 * previous response of another agent is refused, and one of another caller is not found.
 */
final class StoredHistory {

    /** Bounds the walk back through previous responses. */
    private static final int MAX_CHAIN = 10_000;

    private final ResponseRepository store;
    private final ConversationRepository conversations;

    StoredHistory(ResponseRepository store, ConversationRepository conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    /**
     * The conversation of the Conversations API a request names, if one has that id: the request's caller's
     * (another caller's is not found) and the request's agent's (another agent's is refused). An id that no such
     * conversation has is a key of its own, as before conversations existed.
     */
    Optional<ConversationRecord> conversation(HostedAgent agent, String caller, CreateResponseRequest request) {
        if (request.conversation() == null || conversations == null) {
            return Optional.empty();
        }
        Optional<ConversationRecord> found = conversations.find(request.conversation());
        if (found.isPresent()) {
            if (!found.get().ownedBy(caller)) {
                throw ApiException.notFound("Conversation with id '" + request.conversation() + "' not found.",
                        "conversation", "conversation_not_found");
            }
            AgentSessions.requireOwner(agent, found.get(), "conversation");
        }
        return found;
    }

    /** The items of a conversation so far. */
    List<JsonObject> items(ConversationRecord conversation) {
        return ConversationItems.items(conversations.items(conversation.id()));
    }

    /** Adds what a response took and gave to the conversation it named. */
    void append(String conversationId, List<JsonObject> input, JsonObject response) {
        List<JsonObject> items = new ArrayList<>(input);
        response.getJsonArray("output").forEach(item -> items.add(item.asJsonObject()));
        conversations.addItems(ConversationItems.records(conversationId, items));
    }

    /** The earlier responses, oldest first. */
    List<ResponseRecord> earlierResponses(HostedAgent agent, String caller, CreateResponseRequest request) {
        if (request.previousResponseId() != null) {
            return chain(agent, caller, request.previousResponseId());
        }
        if (request.conversation() != null) {
            List<ResponseRecord> finished = new ArrayList<>();
            for (ResponseRecord record : store.conversation(agent.name(), request.conversation())) {
                // A conversation id is a key under the caller too: another caller's responses are not this history.
                if (record.ownedBy(caller) && !record.running()) {
                    finished.add(record);
                }
            }
            return finished;
        }
        return List.of();
    }

    private List<ResponseRecord> chain(HostedAgent agent, String caller, String previousResponseId) {
        // Another caller's response is not found: that it exists is theirs to know.
        ResponseRecord previous = store.find(previousResponseId).filter(record -> record.ownedBy(caller))
                .orElseThrow(() -> ApiException.notFound("Previous response with id '" + previousResponseId
                        + "' not found.", "previous_response_id", "previous_response_not_found"));
        AgentSessions.requireOwner(agent, previous, "previous_response_id");
        if (previous.running()) {
            throw ApiException.conflict("Previous response '" + previousResponseId + "' is still " + previous.status()
                    + ".", "previous_response_id", "response_in_progress");
        }
        List<ResponseRecord> chain = new ArrayList<>();
        ResponseRecord current = previous;
        while (current != null && chain.size() < MAX_CHAIN) {
            chain.add(current);
            String parent = current.previousResponseId();
            current = parent == null ? null : store.find(parent).orElse(null);
        }
        Collections.reverse(chain);
        return chain;
    }

    /** The input and output items of responses, in order. */
    static List<JsonObject> items(List<ResponseRecord> records) {
        List<JsonObject> items = new ArrayList<>();
        for (ResponseRecord record : records) {
            Json.read(record.inputJson()).asJsonArray().forEach(v -> items.add(v.asJsonObject()));
            Json.readObject(record.responseJson()).getJsonArray("output")
                    .forEach(v -> items.add(v.asJsonObject()));
        }
        return items;
    }
}
