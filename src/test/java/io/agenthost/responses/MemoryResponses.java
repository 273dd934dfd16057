package io.agenthost.responses;

import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Responses in memory, for tests without a database. {@link #ignoringAgents()} gives one whose conversation lookup
 * forgets the agent, as a faulty query would, to prove the check where runs are dispatched.
 */
public final class MemoryResponses implements ResponseRepository {

    private final Map<String, ResponseRecord> records = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> beats = new CopyOnWriteArrayList<>();
    private final boolean conversationsByAgent;
    private volatile EventRepository events;

    private MemoryResponses(boolean conversationsByAgent) {
        this.conversationsByAgent = conversationsByAgent;
    }

    public static MemoryResponses keyedByAgent() {
        return new MemoryResponses(true);
    }

    static MemoryResponses ignoringAgents() {
        return new MemoryResponses(false);
    }

    @Override
    public void insert(ResponseRecord record) {
        records.put(record.id(), record);
    }

    /** Stores the events handed over with the end of a response there, as the database does in one transaction. */
    public MemoryResponses storingEventsIn(EventRepository events) {
        this.events = events;
        return this;
    }

    @Override
    public synchronized boolean finish(String id, String status, String responseJson) {
        return finish(id, status, responseJson, List.of());
    }

    @Override
    public synchronized boolean finish(String id, String status, String responseJson, List<EventRecord> lastEvents) {
        ResponseRecord r = records.get(id);
        if (r == null) {
            return false;
        }
        if (!lastEvents.isEmpty()) {
            if (events == null) {
                throw new IllegalStateException("events to store with response " + id + ", and no event store");
            }
            events.appendAll(lastEvents);
        }
        if (!r.running()) {
            return false;
        }
        records.put(id, r.with(status, responseJson));
        return true;
    }

    @Override
    public synchronized boolean start(String id, String responseJson) {
        ResponseRecord r = records.get(id);
        if (r == null || !r.status().equals("queued")) {
            return false;
        }
        records.put(id, r.with("in_progress", responseJson));
        return true;
    }

    @Override
    public void heartbeat(Collection<String> ids, long now) {
        beats.addAll(ids);
    }

    @Override
    public List<ResponseRecord> expired(long before) {
        return records.values().stream().filter(r -> r.background() && r.running() && r.heartbeat() < before)
                .toList();
    }

    @Override
    public List<String> ended(Collection<String> ids) {
        return ids.stream().filter(id -> !records.containsKey(id) || !records.get(id).running()).toList();
    }

    /** The ids heartbeats named, in order. */
    public List<String> beats() {
        return beats;
    }

    @Override
    public Optional<ResponseRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<ResponseRecord> conversation(String agent, String conversationId) {
        List<ResponseRecord> found = new ArrayList<>();
        for (ResponseRecord record : records.values()) {
            if (conversationId.equals(record.conversationId())
                    && (!conversationsByAgent || agent.equals(record.agent()))) {
                found.add(record);
            }
        }
        return found;
    }

    @Override
    public boolean delete(String id) {
        return records.remove(id) != null;
    }

    /** Every record, in the order they were inserted. */
    public List<ResponseRecord> records() {
        synchronized (records) {
            return List.copyOf(records.values());
        }
    }

    public void clear() {
        records.clear();
    }

    int size() {
        return records.size();
    }
}
