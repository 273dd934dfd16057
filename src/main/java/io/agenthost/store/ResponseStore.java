package io.agenthost.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Responses kept for retrieval and continuation, in the application's data source. */
@ApplicationScoped
@Transactional
public class ResponseStore implements ResponseRepository {

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Override
    public void insert(ResponseRecord record) {
        em.persist(record);
    }

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
