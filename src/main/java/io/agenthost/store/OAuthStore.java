package io.agenthost.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

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

    @Resource(lookup = "jdbc/agenthost")
    private DataSource dataSource;

    /**
     * A plain insert outside any transaction, since servers starting together race for it: the one that loses gets
     * the database's duplicate key here, as an answer rather than as a failed transaction.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    @Override
    public boolean create(OAuthRecord record) {
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO AH_OAUTH (ID, KIND, EXPIRES_AT, UPDATED_AT, PAYLOAD) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, record.id());
            insert.setString(2, record.kind());
            insert.setLong(3, record.expiresAt());
            insert.setLong(4, record.updatedAt());
            insert.setString(5, record.payload());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint violation: the id is taken
            }
            throw new PersistenceException("the OAuth record could not be inserted: " + e.getMessage(), e);
        }
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
