package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Stream events of a stored response that follow one another, as they were sent, kept for replay: written
 * together, stored as one row, one event's JSON per line ({@link PackedText}).
 */
@Entity
@Table(name = "AH_EVENT", indexes = {
        @Index(name = "AH_EVENT_RESPONSE", columnList = "RESPONSE_ID,SEQ"),
        @Index(name = "AH_EVENT_CREATED", columnList = "CREATED_AT")})
@NamedQuery(name = EventRecord.AFTER, query = "SELECT e FROM EventRecord e WHERE e.responseId = :response"
        + " AND COALESCE(e.lastSequence, e.sequence) > :after ORDER BY e.sequence")
@NamedQuery(name = EventRecord.DELETE_BEFORE, query = "DELETE FROM EventRecord e WHERE e.createdAt < :before")
@NamedQuery(name = EventRecord.DELETE_OF, query = "DELETE FROM EventRecord e WHERE e.responseId = :response")
public class EventRecord extends InsertedRow {

    static final String AFTER = "EventRecord.after";
    static final String DELETE_BEFORE = "EventRecord.deleteBefore";
    static final String DELETE_OF = "EventRecord.deleteOf";

    /** The response id and the first sequence number: an event is stored once. */
    @Id
    @Column(name = "ID", length = 80)
    private String id;

    @Column(name = "RESPONSE_ID", length = 64, nullable = false)
    private String responseId;

    /** The first event's sequence number. */
    @Column(name = "SEQ", nullable = false)
    private int sequence;

    /** The last event's; none in rows of one event written before events were written together. */
    @Column(name = "LAST_SEQ")
    private Integer lastSequence;

    /** The last event's type. */
    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    /** The events' JSON in rows written before {@link #packed}; empty in the others. */
    @Lob
    @Column(name = "DATA", nullable = false)
    private String text;

    /** The events' JSON, {@code type} and {@code sequence_number} included, one per line, packed. */
    @Lob
    @Column(name = "PACKED")
    private byte[] packed;

    /** Epoch milliseconds: events are kept for {@code agent.events.retention} from then. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected EventRecord() {
    }

    @Override
    String rowId() {
        return id;
    }

    public EventRecord(String responseId, int sequence, int lastSequence, String type, String data, long createdAt) {
        this.id = responseId + "/" + sequence;
        this.responseId = responseId;
        this.sequence = sequence;
        this.lastSequence = lastSequence;
        this.type = type;
        this.text = "";
        this.packed = PackedText.pack(data);
        this.createdAt = createdAt;
    }

    public String responseId() {
        return responseId;
    }

    public int sequence() {
        return sequence;
    }

    public int lastSequence() {
        return lastSequence == null ? sequence : lastSequence;
    }

    public String type() {
        return type;
    }

    /** The events' JSON, one per line. */
    public String data() {
        return packed != null ? PackedText.unpack(packed) : text;
    }

    /** When it was stored, in epoch milliseconds. */
    public long createdAt() {
        return createdAt;
    }
}
