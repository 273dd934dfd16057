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

/** Conversations and their items in the application's data source; each write a transaction of its own. */
@ApplicationScoped
@Transactional
public class ConversationStore implements ConversationRepository {

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Retry(maxRetries = 60, delay = 500, jitter = 250, maxDuration = 15000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void create(ConversationRecord conversation, List<ConversationItemRecord> items) {
        if (!conversation.committedBefore(em)) {
            em.persist(conversation);
            items.forEach(em::persist);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<ConversationRecord> find(String id) {
        return Optional.ofNullable(em.find(ConversationRecord.class, id));
    }

    @Override
    public boolean updateMetadata(String id, String metadataJson) {
        ConversationRecord conversation = em.find(ConversationRecord.class, id);
        if (conversation == null) {
            return false;
        }
        conversation.metadata(metadataJson);
        return true;
    }

    @Override
    public boolean delete(String id) {
        ConversationRecord conversation = em.find(ConversationRecord.class, id);
        if (conversation == null) {
            return false;
        }
        em.createNamedQuery(ConversationItemRecord.DELETE_OF).setParameter("conversation", id).executeUpdate();
        em.remove(conversation);
        return true;
    }

    @Retry(maxRetries = 120, delay = 500, jitter = 250, maxDuration = 30000, retryOn = {PersistenceException.class,
            TransactionalException.class})
    @Override
    public void addItems(List<ConversationItemRecord> items) {
        if (!items.isEmpty() && !items.get(0).committedBefore(em)) {
            items.forEach(em::persist);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public List<ConversationItemRecord> items(String conversationId) {
        return em.createNamedQuery(ConversationItemRecord.OF, ConversationItemRecord.class)
                .setParameter("conversation", conversationId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<ConversationItemRecord> item(String conversationId, String itemId) {
        return Optional.ofNullable(em.find(ConversationItemRecord.class,
                ConversationItemRecord.key(conversationId, itemId)));
    }

    @Override
    public boolean deleteItem(String conversationId, String itemId) {
        ConversationItemRecord item = em.find(ConversationItemRecord.class,
                ConversationItemRecord.key(conversationId, itemId));
        if (item == null) {
            return false;
        }
        em.remove(item);
        return true;
    }
}
