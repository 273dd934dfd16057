package io.agenthost.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Responses kept for retrieval and continuation, in the application's data source. Writes are tried again, each in
 * a transaction of its own, while the database is away for a moment (a lock held, a restart): the retry interceptor
 * runs outside the transaction one, as {@code mp.fault.tolerance.interceptor.priority} orders.
 */
@ApplicationScoped
@Transactional
public class ResponseStore implements ResponseRepository {

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Retry(maxRetries = 4, delay = 500, jitter = 250, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void insert(ResponseRecord record) {
        em.persist(record);
    }

    @Retry(maxRetries = 8, delay = 500, jitter = 250, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void finish(String id, String status, String responseJson) {
        ResponseRecord record = em.find(ResponseRecord.class, id);
        if (record != null) {
            record.update(status, responseJson);
        }
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
    public boolean delete(String id) {
        ResponseRecord record = em.find(ResponseRecord.class, id);
        if (record == null) {
            return false;
        }
        em.remove(record);
        return true;
    }
}
