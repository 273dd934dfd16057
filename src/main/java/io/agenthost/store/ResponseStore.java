package io.agenthost.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Responses kept for retrieval and continuation, in the application's data source. Writes are tried again, each in
 * a transaction of its own, while the database is away for a moment (a lock held, a restart, a failover): for 15 s a
 * write that begins a response, for 30 s one that ends it, which has more to lose. The retry interceptor runs outside
 * the transaction one, as {@code mp.fault.tolerance.interceptor.priority} orders.
 */
@ApplicationScoped
@Transactional
public class ResponseStore implements ResponseRepository {

    /** Ids per statement: far below what any database takes in one IN list. */
    private static final int CHUNK = 200;

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Retry(maxRetries = 60, delay = 500, jitter = 250, maxDuration = 15000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void insert(ResponseRecord record) {
        if (!record.committedBefore(em)) {
            em.persist(record);
        }
    }

    @Retry(maxRetries = 120, delay = 500, jitter = 250, maxDuration = 30000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public boolean finish(String id, String status, String responseJson) {
        return finish(id, status, responseJson, List.of());
    }

    @Retry(maxRetries = 120, delay = 500, jitter = 250, maxDuration = 30000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public boolean finish(String id, String status, String responseJson, List<EventRecord> lastEvents) {
        if (!lastEvents.isEmpty() && lastEvents.get(0).committedBefore(em)) {
            return false; // an earlier try committed, its answer lost: the end and these events are stored
        }
        // One statement that ends it only if it runs: the first end stands, and the response is not read back.
        boolean ended = em.createNamedQuery(ResponseRecord.END).setParameter("status", status)
                .setParameter("response", responseJson).setParameter("id", id)
                .setParameter("running", ResponseRecord.RUNNING).executeUpdate() == 1;
        if (ended || em.find(ResponseRecord.class, id, LockModeType.PESSIMISTIC_WRITE) != null) {
            lastEvents.forEach(em::persist);
        }
        return ended;
    }

    @Retry(maxRetries = 60, delay = 500, jitter = 250, maxDuration = 15000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public boolean start(String id, String responseJson) {
        ResponseRecord record = em.find(ResponseRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (record == null) {
            return false;
        }
        if (!record.status().equals("queued")) {
            // Only the server that queued a run starts it: the very response it writes here is an earlier try of this
            // start whose commit's answer was lost; any other status is a cancel's.
            return record.status().equals("in_progress") && record.responseJson().equals(responseJson);
        }
        record.update("in_progress", responseJson);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<ResponseRecord> find(String id) {
        return Optional.ofNullable(em.find(ResponseRecord.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public List<ResponseRecord> conversation(String agent, String conversationId) {
        return em.createNamedQuery(ResponseRecord.BY_CONVERSATION, ResponseRecord.class)
                .setParameter("agent", agent)
                .setParameter("conversation", conversationId)
                .getResultList();
    }

    @Override
    public void heartbeat(Collection<String> ids, long now) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            em.createNamedQuery(ResponseRecord.HEARTBEAT).setParameter("now", now)
                    .setParameter("ids", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .setParameter("running", ResponseRecord.RUNNING).executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public List<ResponseRecord> expired(long before) {
        return em.createNamedQuery(ResponseRecord.EXPIRED, ResponseRecord.class).setParameter("before", before)
                .setParameter("running", ResponseRecord.RUNNING).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public List<String> ended(Collection<String> ids) {
        List<String> ended = new ArrayList<>(ids);
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            ended.removeAll(em.createNamedQuery(ResponseRecord.STILL_RUNNING, String.class)
                    .setParameter("ids", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .setParameter("running", ResponseRecord.RUNNING).getResultList());
        }
        return ended;
    }

    @Override
    public boolean delete(String id) {
        ResponseRecord record = em.find(ResponseRecord.class, id);
        if (record == null) {
            return false;
        }
        em.remove(record);
        return true;
    }
}
