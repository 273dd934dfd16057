package io.agenthost.oauth;

import io.agenthost.store.OAuthRecord;
import io.agenthost.store.OAuthRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The OAuth store in memory, for tests that run without a database. */
class MemoryOAuthRepository implements OAuthRepository {

    final Map<String, OAuthRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<OAuthRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public boolean create(OAuthRecord record) {
        return records.putIfAbsent(record.id(), record) == null;
    }

    @Override
    public void save(OAuthRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public Optional<OAuthRecord> take(String id) {
        return Optional.ofNullable(records.remove(id));
    }

    @Override
    public boolean delete(String id) {
        return records.remove(id) != null;
    }

    @Override
    public int deleteExpired(long nowMillis) {
        List<String> expired = records.values().stream().filter(r -> r.expiresAt() < nowMillis)
                .map(OAuthRecord::id).toList();
        expired.forEach(records::remove);
        return expired.size();
    }

    List<OAuthRecord> ofKind(String kind) {
        return records.values().stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
