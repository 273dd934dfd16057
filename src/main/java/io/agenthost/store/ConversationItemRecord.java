package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One item of a conversation, in the order it was added: by the client, or by a response that named it. */
@Entity
@Table(name = "AH_CONVERSATION_ITEM", indexes = @Index(name = "AH_CONVERSATION_ITEM_ORDER",
        columnList = "CONVERSATION_ID,SEQ"))
@NamedQuery(name = ConversationItemRecord.OF, query = "SELECT i FROM ConversationItemRecord i"
        + " WHERE i.conversationId = :conversation ORDER BY i.sequence")
@NamedQuery(name = ConversationItemRecord.DELETE_OF, query = "DELETE FROM ConversationItemRecord i"
        + " WHERE i.conversationId = :conversation")
public class ConversationItemRecord extends InsertedRow {

    static final String OF = "ConversationItemRecord.of";
    static final String DELETE_OF = "ConversationItemRecord.deleteOf";

    /** The conversation's id and the item's: an item id is unique within its conversation. */
    @Id
    @Column(name = "ID", length = 200)
    private String id;

    @Column(name = "CONVERSATION_ID", length = 64, nullable = false)
    private String conversationId;

    @Column(name = "ITEM_ID", length = 128, nullable = false)
    private String itemId;

    @Column(name = "SEQ", nullable = false)
    private long sequence;

    @Lob
    @Column(name = "ITEM_JSON", nullable = false)
    private String itemJson;

    protected ConversationItemRecord() {
    }

    @Override
    String rowId() {
        return id;
    }

    /** @param sequence orders the items of a conversation; later items have larger ones */
    public ConversationItemRecord(String conversationId, String itemId, long sequence, String itemJson) {
        this.id = key(conversationId, itemId);
        this.conversationId = conversationId;
        this.itemId = itemId;
        this.sequence = sequence;
        this.itemJson = itemJson;
    }

    static String key(String conversationId, String itemId) {
        return conversationId + "/" + itemId;
    }

    public String itemId() {
        return itemId;
    }

    public String itemJson() {
        return itemJson;
    }
}
