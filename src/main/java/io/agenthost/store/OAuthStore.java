package io.agenthost.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** OAuth state in the application's data source, next to the responses. */
@ApplicationScoped
@Transactional
public class OAuthStore implements OAuthRepository {

    @PersistenceContext(unitName = "agent-host")
    private EntityManager em;

    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<OAuthRecord> find(String id) {
        return Optional.ofNullable(em.find(OAuthRecord.class, id));
    }

    @Override
    public void save(OAuthRecord record) {
        em.merge(record);
    }

    @Override
    public Optional<OAuthRecord> take(String id) {
        OAuthRecord found = em.find(OAuthRecord.class, id);
        if (found == null) {
            return Optional.empty();
        }
        OAuthRecord copy = new OAuthRecord(found.id(), found.kind(), found.expiresAt(), found.updatedAt(),
                found.payload());
        // The row lock of the delete, not the read, decides which of two concurrent takers gets the record.
        int deleted = em.createNamedQuery(OAuthRecord.DELETE).setParameter("id", id).executeUpdate();
        em.detach(found);
        return deleted == 1 ? Optional.of(copy) : Optional.empty();
    }

    @Override
    public boolean delete(String id) {
        return em.createNamedQuery(OAuthRecord.DELETE).setParameter("id", id).executeUpdate() == 1;
    }

    @Override
    public int deleteExpired(long nowMillis) {
        return em.createNamedQuery(OAuthRecord.DELETE_EXPIRED).setParameter("now", nowMillis).executeUpdate();
    }
}
