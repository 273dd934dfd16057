package io.agenthost.store;

import java.util.Optional;

/** Where OAuth state is kept, by id. */
public interface OAuthRepository {

    Optional<OAuthRecord> find(String id);

    /** Inserts the record unless one with its id exists: of servers racing to create it, one wins. */
    boolean create(OAuthRecord record);

    /** Inserts the record, or replaces the one with its id. */
    void save(OAuthRecord record);

    /** Finds and deletes a record at once: of callers racing for the same record, one gets it. */
    Optional<OAuthRecord> take(String id);

    /** @return false when there was no such record */
    boolean delete(String id);

    /** Deletes the records that expired before {@code nowMillis}; returns how many. */
    int deleteExpired(long nowMillis);
}
