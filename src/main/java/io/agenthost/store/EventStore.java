package io.agenthost.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/** Stream events in the application's data source, written in batches. */
@ApplicationScoped
@Transactional
public class EventStore implements EventRepository {

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Retry(maxRetries = 150, delay = 200, jitter = 100, maxDuration = 15000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void appendAll(List<EventRecord> events) {
        if (!events.isEmpty() && !events.get(0).committedBefore(em)) {
            events.forEach(em::persist);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public List<EventRecord> after(String responseId, int after, int limit) {
        return em.createNamedQuery(EventRecord.AFTER, EventRecord.class).setParameter("response", responseId)
                .setParameter("after", after).setMaxResults(limit).getResultList();
    }

    @Override
    public int deleteBefore(long before) {
        return em.createNamedQuery(EventRecord.DELETE_BEFORE).setParameter("before", before).executeUpdate();
    }

    @Override
    public void deleteOf(String responseId) {
        em.createNamedQuery(EventRecord.DELETE_OF).setParameter("response", responseId).executeUpdate();
    }
}
