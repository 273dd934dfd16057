package io.agenthost.responses;

import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Responses in memory, for tests without a database. {@link #ignoringAgents()} gives one whose conversation lookup
 * forgets the agent, as a faulty query would, to prove the check where runs are dispatched.
 */
final class MemoryResponses implements ResponseRepository {

    private final Map<String, ResponseRecord> records = new LinkedHashMap<>();
    private final boolean conversationsByAgent;

    private MemoryResponses(boolean conversationsByAgent) {
        this.conversationsByAgent = conversationsByAgent;
    }

    static MemoryResponses keyedByAgent() {
        return new MemoryResponses(true);
    }

    static MemoryResponses ignoringAgents() {
        return new MemoryResponses(false);
    }

    @Override
    public void insert(ResponseRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public void finish(String id, String status, String responseJson) {
        ResponseRecord r = records.get(id);
        records.put(id, new ResponseRecord(r.id(), r.agent(), r.owner(), r.conversationId(), r.previousResponseId(),
                status, r.createdAt(), records.size(), responseJson, r.inputJson()));
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

    int size() {
        return records.size();
    }
}
