package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One stream event of a stored response, as it was sent, kept for replay. */
@Entity
@Table(name = "AH_EVENT", indexes = {
        @Index(name = "AH_EVENT_RESPONSE", columnList = "RESPONSE_ID,SEQ"),
        @Index(name = "AH_EVENT_CREATED", columnList = "CREATED_AT")})
@NamedQuery(name = EventRecord.AFTER, query = "SELECT e FROM EventRecord e WHERE e.responseId = :response"
        + " AND e.sequence > :after ORDER BY e.sequence")
@NamedQuery(name = EventRecord.DELETE_BEFORE, query = "DELETE FROM EventRecord e WHERE e.createdAt < :before")
@NamedQuery(name = EventRecord.DELETE_OF, query = "DELETE FROM EventRecord e WHERE e.responseId = :response")
public class EventRecord {

    static final String AFTER = "EventRecord.after";
    static final String DELETE_BEFORE = "EventRecord.deleteBefore";
    static final String DELETE_OF = "EventRecord.deleteOf";

    /** The response id and the sequence number: an event is stored once. */
    @Id
    @Column(name = "ID", length = 80)
    private String id;

    @Column(name = "RESPONSE_ID", length = 64, nullable = false)
    private String responseId;

    @Column(name = "SEQ", nullable = false)
    private int sequence;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    /** The event's JSON, {@code type} and {@code sequence_number} included. */
    @Lob
    @Column(name = "DATA", nullable = false)
    private String data;

    /** Epoch milliseconds: events are kept for {@code agent.events.retention} from then. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected EventRecord() {
    }

    public EventRecord(String responseId, int sequence, String type, String data, long createdAt) {
        this.id = responseId + "/" + sequence;
        this.responseId = responseId;
        this.sequence = sequence;
        this.type = type;
        this.data = data;
        this.createdAt = createdAt;
    }

    public String responseId() {
        return responseId;
    }

    public int sequence() {
        return sequence;
    }

    public String type() {
        return type;
    }

    public String data() {
        return data;
    }

    /** When it was stored, in epoch milliseconds. */
    public long createdAt() {
        return createdAt;
    }
}
