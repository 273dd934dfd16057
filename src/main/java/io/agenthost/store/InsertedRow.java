package io.agenthost.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Transient;

/**
 * A row inserted by a write that is tried again while the database is away. A try can commit and still fail: the
 * connection drops after the database committed and before its answer came back. Every later try would then fail on
 * the row it finds there, until the retries run out and the write is reported lost although it is stored. So a try
 * after the first asks whether the row is there; the first, which is nearly every write, asks nothing.
 */
@MappedSuperclass
abstract class InsertedRow {

    @Transient
    private boolean tried;

    /** The row's primary key. */
    abstract String rowId();

    /**
     * Whether an earlier try of the write that inserts this row committed. The rows a write inserts commit together,
     * so the first of them answers for all.
     */
    boolean committedBefore(EntityManager em) {
        boolean again = tried;
        tried = true;
        if (!again) {
            return false;
        }
        try {
            return em.find(getClass(), rowId()) != null;
        } catch (PersistenceException e) {
            throw e;
        } catch (RuntimeException e) {
            // EclipseLink reports a read the database refused as its own exception: the write's retries and the
            // store's callers know the persistence API's.
            throw new PersistenceException(e);
        }
    }
}
