package io.agenthost.store;

import java.util.List;
import java.util.Optional;

/** Where the conversations of the Conversations API and their items are kept. */
public interface ConversationRepository {

    /** Records a conversation with its first items. */
    void create(ConversationRecord conversation, List<ConversationItemRecord> items);

    Optional<ConversationRecord> find(String id);

    /** @return false when there was no such conversation */
    boolean updateMetadata(String id, String metadataJson);

    /** Deletes a conversation and its items; false when there was none. */
    boolean delete(String id);

    void addItems(List<ConversationItemRecord> items);

    /** The items of a conversation, in the order they were added. */
    List<ConversationItemRecord> items(String conversationId);

    Optional<ConversationItemRecord> item(String conversationId, String itemId);

    /** @return false when the conversation had no such item */
    boolean deleteItem(String conversationId, String itemId);
}
