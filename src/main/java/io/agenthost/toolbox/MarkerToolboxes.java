package io.agenthost.toolbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The toolboxes that requests opened with {@code foundry-toolbox://} markers, kept for later requests. Requests choose
 * the names, so the set is bounded: at most {@code capacity} toolboxes, the least recently used closed to make room,
 * and each closed once no request has used it for {@code idleTimeout}.
 */
final class MarkerToolboxes {

    private static final class Entry {
        final HostToolbox toolbox;
        Instant lastUsed;

        Entry(HostToolbox toolbox, Instant lastUsed) {
            this.toolbox = toolbox;
            this.lastUsed = lastUsed;
        }
    }

    private final int capacity;
    private final Duration idleTimeout;
    private final Clock clock;
    /** In order of use, least recent first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    MarkerToolboxes(int capacity, Duration idleTimeout, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("agent.toolbox.markers.max-open must be at least 1");
        }
        this.capacity = capacity;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** The toolbox kept under this key, or a new one from {@code create} (which must not open it). */
    HostToolbox get(String key, Supplier<HostToolbox> create) {
        List<HostToolbox> closing = new ArrayList<>();
        HostToolbox toolbox;
        synchronized (this) {
            Instant now = clock.instant();
            for (Iterator<Entry> all = entries.values().iterator(); all.hasNext(); ) {
                Entry entry = all.next();
                if (!entry.lastUsed.plus(idleTimeout).isAfter(now)) {
                    closing.add(entry.toolbox);
                    all.remove();
                }
            }
            Entry entry = entries.get(key);
            if (entry == null) {
                if (entries.size() >= capacity) {
                    Map.Entry<String, Entry> eldest = entries.entrySet().iterator().next();
                    closing.add(eldest.getValue().toolbox);
                    entries.remove(eldest.getKey());
                }
                entry = new Entry(create.get(), now);
                entries.put(key, entry);
            }
            entry.lastUsed = now;
            toolbox = entry.toolbox;
        }
        // Closing talks to the servers: never while other requests wait for the lock.
        closing.forEach(HostToolbox::close);
        return toolbox;
    }

    synchronized int size() {
        return entries.size();
    }

    void closeAll() {
        List<HostToolbox> all;
        synchronized (this) {
            all = entries.values().stream().map(entry -> entry.toolbox).toList();
            entries.clear();
        }
        all.forEach(HostToolbox::close);
    }
}
