package io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** LostCommitIT shows the stores' writes over a real PostgreSQL; this, what a try asks of the database. */
class InsertedRowTest {

    private final List<Object> lookedUp = new ArrayList<>();

    @Test
    void theFirstTryAsksNothing() {
        ResponseRecord row = record();

        assertFalse(row.committedBefore(entityManager(key -> row)));
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void aLaterTryFindsWhetherTheRowIsThere() {
        ResponseRecord row = record();
        row.committedBefore(entityManager(key -> null));

        assertFalse(row.committedBefore(entityManager(key -> null)));
        assertTrue(row.committedBefore(entityManager(key -> row)));
        assertEquals(List.of("resp_1", "resp_1"), lookedUp);
    }

    @Test
    void aReadTheDatabaseRefusesIsAPersistenceException() {
        ResponseRecord row = record();
        row.committedBefore(entityManager(key -> null));
        IllegalStateException providers = new IllegalStateException("connection refused");
        PersistenceException persistence = new PersistenceException("connection refused");

        assertSame(providers, assertThrows(PersistenceException.class, () -> row.committedBefore(entityManager(key -> {
            throw providers;
        }))).getCause());
        assertSame(persistence, assertThrows(PersistenceException.class, () -> row.committedBefore(entityManager(
                key -> {
                    throw persistence;
                }))));
    }

    private static ResponseRecord record() {
        return new ResponseRecord("resp_1", "assistant", null, null, null, "in_progress", 1L, 0L, "{}", "[]");
    }

    /** An entity manager whose {@code find} answers {@code rows}; it has nothing else. */
    private EntityManager entityManager(Function<Object, Object> rows) {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("find") || arguments.length != 2) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    lookedUp.add(arguments[1]);
                    return rows.apply(arguments[1]);
                });
    }
}
