package io.agenthost.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A piece of OAuth state the host keeps: a user's grant for an MCP server, an authorization waiting for its callback,
 * or a client registration. The payload is sealed by its owner before it gets here; the store never sees a token in
 * the clear.
 */
@Entity
@Table(name = "AH_OAUTH")
@NamedQuery(name = OAuthRecord.DELETE, query = "DELETE FROM OAuthRecord r WHERE r.id = :id")
@NamedQuery(name = OAuthRecord.DELETE_EXPIRED, query = "DELETE FROM OAuthRecord r WHERE r.expiresAt < :now")
public class OAuthRecord {

    static final String DELETE = "OAuthRecord.delete";
    static final String DELETE_EXPIRED = "OAuthRecord.deleteExpired";

    /** The expiry of records that only go away when replaced or deleted. */
    public static final long NEVER = Long.MAX_VALUE;

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    /** Epoch milliseconds after which the record is of no use and may be purged. */
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Lob
    @Column(name = "PAYLOAD", nullable = false)
    private String payload;

    protected OAuthRecord() {
    }

    public OAuthRecord(String id, String kind, long expiresAt, long updatedAt, String payload) {
        this.id = id;
        this.kind = kind;
        this.expiresAt = expiresAt;
        this.updatedAt = updatedAt;
        this.payload = payload;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public String payload() {
        return payload;
    }
}
