package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.List;
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
@NamedQuery(name = ResponseRecord.HEARTBEAT,
        query = "UPDATE ResponseRecord r SET r.heartbeat = :now WHERE r.id IN :ids AND r.status IN :running")
@NamedQuery(name = ResponseRecord.EXPIRED,
        query = "SELECT r FROM ResponseRecord r WHERE r.background = TRUE AND r.status IN :running"
                + " AND r.heartbeat < :before")
@NamedQuery(name = ResponseRecord.END,
        query = "UPDATE ResponseRecord r SET r.status = :status, r.responseJson = :response WHERE r.id = :id"
                + " AND r.status IN :running")
@NamedQuery(name = ResponseRecord.STILL_RUNNING,
        query = "SELECT r.id FROM ResponseRecord r WHERE r.id IN :ids AND r.status IN :running")
public class ResponseRecord extends InsertedRow {

    static final String BY_CONVERSATION = "ResponseRecord.byConversation";
    static final String HEARTBEAT = "ResponseRecord.heartbeat";
    static final String EXPIRED = "ResponseRecord.expired";
    static final String STILL_RUNNING = "ResponseRecord.stillRunning";
    static final String END = "ResponseRecord.end";

    /** The statuses of a response whose run has not ended. */
    public static final List<String> RUNNING = List.of("queued", "in_progress");

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

    /** Whether it runs in the background ({@code background: true}); null in rows older than the column. */
    @Column(name = "BACKGROUND")
    private Boolean background;

    /** Whether its stream events are stored, for replay. */
    @Column(name = "EVENTS")
    private Boolean events;

    /** When the server running it last said it was alive, in epoch milliseconds; null when nothing heartbeats it. */
    @Column(name = "HEARTBEAT")
    private Long heartbeat;

    protected ResponseRecord() {
    }

    @Override
    String rowId() {
        return id;
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

    /**
     * Marks a response, before it is inserted, as one whose events are stored and whose run heartbeats.
     *
     * @param background whether it runs in the background
     * @param now        the first heartbeat, in epoch milliseconds
     */
    public ResponseRecord withEvents(boolean background, long now) {
        this.background = background;
        this.events = true;
        this.heartbeat = now;
        return this;
    }

    public boolean background() {
        return Boolean.TRUE.equals(background);
    }

    /** Whether its stream events are stored, so that it can be streamed again. */
    public boolean hasEvents() {
        return Boolean.TRUE.equals(events);
    }

    /** The last heartbeat of its run in epoch milliseconds, or 0 when there is none. */
    public long heartbeat() {
        return heartbeat == null ? 0 : heartbeat;
    }

    /** Whether its run has not ended, as far as the record knows. */
    public boolean running() {
        return RUNNING.contains(status);
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

    /** The same record with another status and response, as the store would give it back after an update. */
    public ResponseRecord with(String status, String responseJson) {
        ResponseRecord copy = new ResponseRecord(id, agent, owner, conversationId, previousResponseId, status,
                createdAt, sequence, responseJson, inputJson);
        copy.background = background;
        copy.events = events;
        copy.heartbeat = heartbeat;
        return copy;
    }

    void update(String status, String responseJson) {
        this.status = status;
        this.responseJson = responseJson;
    }
}
