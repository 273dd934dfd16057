package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Objects;

/** A conversation of the Conversations API: whose it is (agent and caller), and its metadata as JSON. */
@Entity
@Table(name = "AH_CONVERSATION")
public class ConversationRecord extends InsertedRow {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "AGENT", length = 64, nullable = false)
    private String agent;

    /** The caller's name; null for an anonymous caller. */
    @Column(name = "OWNER", length = 256)
    private String owner;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Lob
    @Column(name = "METADATA_JSON", nullable = false)
    private String metadataJson;

    protected ConversationRecord() {
    }

    @Override
    String rowId() {
        return id;
    }

    public ConversationRecord(String id, String agent, String owner, long createdAt, String metadataJson) {
        this.id = id;
        this.agent = agent;
        this.owner = owner;
        this.createdAt = createdAt;
        this.metadataJson = metadataJson;
    }

    public String id() {
        return id;
    }

    public String agent() {
        return agent;
    }

    /** Whether the caller of that name (null: anonymous) may use it. */
    public boolean ownedBy(String caller) {
        return Objects.equals(owner, caller);
    }

    public long createdAt() {
        return createdAt;
    }

    public String metadataJson() {
        return metadataJson;
    }

    void metadata(String metadataJson) {
        this.metadataJson = metadataJson;
    }
}
