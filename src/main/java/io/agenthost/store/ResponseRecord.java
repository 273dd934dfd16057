package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A stored response: the response object as the client saw it and the input items it was given, both as JSON.
 * The agent, its caller, conversation and previous response are columns of their own so that history is found by
 * key.
 */
@Entity
@Table(name = "AH_RESPONSE", indexes = @Index(name = "AH_RESPONSE_CONV", columnList = "AGENT,CONVERSATION_ID,CREATED_AT"))
@NamedQuery(name = ResponseRecord.BY_CONVERSATION,
        query = "SELECT r FROM ResponseRecord r WHERE r.agent = :agent AND r.conversationId = :conversation"
                + " ORDER BY r.createdAt, r.sequence")
public class ResponseRecord {

    static final String BY_CONVERSATION = "ResponseRecord.byConversation";

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "AGENT", length = 64, nullable = false)
    private String agent;

    @Column(name = "CONVERSATION_ID", length = 256)
    private String conversationId;

    @Column(name = "PREVIOUS_RESPONSE_ID", length = 64)
    private String previousResponseId;

    /** The caller's name; null for an anonymous caller. */
    @Column(name = "OWNER", length = 256)
    private String owner;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Orders responses created in the same second. */
    @Column(name = "SEQ", nullable = false)
    private long sequence;

    @Lob
    @Column(name = "RESPONSE_JSON", nullable = false)
    private String responseJson;

    @Lob
    @Column(name = "INPUT_JSON", nullable = false)
    private String inputJson;

    protected ResponseRecord() {
    }

    /** @param owner the caller's name; null for an anonymous caller */
    public ResponseRecord(String id, String agent, String owner, String conversationId, String previousResponseId,
            String status, long createdAt, long sequence, String responseJson, String inputJson) {
        this.id = id;
        this.owner = owner;
        this.agent = agent;
        this.conversationId = conversationId;
        this.previousResponseId = previousResponseId;
        this.status = status;
        this.createdAt = createdAt;
        this.sequence = sequence;
        this.responseJson = responseJson;
        this.inputJson = inputJson;
    }

    public String id() {
        return id;
    }

    public String agent() {
        return agent;
    }

    /** Whose response it is: the caller's name, or null for an anonymous caller. */
    public String owner() {
        return owner;
    }

    /** Whether the caller of that name (null: anonymous) may read, continue or delete it. */
    public boolean ownedBy(String caller) {
        return Objects.equals(owner, caller);
    }

    public String conversationId() {
        return conversationId;
    }

    public String previousResponseId() {
        return previousResponseId;
    }

    public String status() {
        return status;
    }

    public long createdAt() {
        return createdAt;
    }

    public String responseJson() {
        return responseJson;
    }

    public String inputJson() {
        return inputJson;
    }

    void update(String status, String responseJson) {
        this.status = status;
        this.responseJson = responseJson;
    }
}
