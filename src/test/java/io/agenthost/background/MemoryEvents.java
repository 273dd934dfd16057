package io.agenthost.background;

import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stream events in memory, for tests without a database. */
public final class MemoryEvents implements EventRepository {

    private final List<EventRecord> events = new CopyOnWriteArrayList<>();

    @Override
    public void appendAll(List<EventRecord> batch) {
        events.addAll(batch);
    }

    @Override
    public List<EventRecord> after(String responseId, int after, int limit) {
        return events.stream().filter(e -> e.responseId().equals(responseId) && e.lastSequence() > after)
                .sorted((a, b) -> Integer.compare(a.sequence(), b.sequence())).limit(limit).toList();
    }

    @Override
    public int deleteBefore(long before) {
        List<EventRecord> expired = events.stream().filter(e -> e.createdAt() < before).toList();
        events.removeAll(expired);
        return expired.size();
    }

    @Override
    public void deleteOf(String responseId) {
        events.removeIf(e -> e.responseId().equals(responseId));
    }

    public List<EventRecord> all() {
        return List.copyOf(events);
    }
}
