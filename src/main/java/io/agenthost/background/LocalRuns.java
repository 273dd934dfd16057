package io.agenthost.background;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The runs with stored events that this server is running or has queued, by response id. */
@ApplicationScoped
public class LocalRuns {

    private final ConcurrentMap<String, RunHandle> runs = new ConcurrentHashMap<>();

    /** Registers a run until the handle is closed. */
    public RunHandle register(String responseId) {
        RunHandle handle = new RunHandle(responseId, () -> runs.remove(responseId));
        runs.put(responseId, handle);
        return handle;
    }

    public Optional<RunHandle> find(String responseId) {
        return Optional.ofNullable(runs.get(responseId));
    }

    public Set<String> ids() {
        return Set.copyOf(runs.keySet());
    }
}
