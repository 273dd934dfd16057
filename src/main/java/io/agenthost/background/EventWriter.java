package io.agenthost.background;

import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Writes the stream events of the responses running on this server behind their streams: the client gets an event
 * at once, and an event waits at most {@link #LINGER} for others to go with it, those of every response that has
 * waited half of it in one transaction, those of a response in one row. A run that ends stores what is left of its
 * events itself, in the transaction that records its end ({@link #storeWith}); so a run shorter than half the
 * linger is stored in that one transaction, and never waits for a write of the writer's. An event is pending, and
 * readable here, until its transaction has committed, so that a follower on this server who reads the store and
 * then what is pending misses none. One write at a time keeps each response's stored events a prefix of its stream.
 */
@ApplicationScoped
public class EventWriter {

    /** How long an event waits for others to go with it, at most, unless its run ends first. */
    static final Duration LINGER = Duration.ofMillis(50);

    /** Events in one transaction, at most. */
    static final int BATCH = 500;

    /** Events pending on this server, at most: past it, a stream waits for the store rather than fill the heap. */
    static final int MAX_PENDING = 10_000;

    private static final Logger LOG = Logger.getLogger(EventWriter.class.getName());

    private final EventRepository store;
    private final Clock clock;
    private final ReentrantLock writing = new ReentrantLock();
    private final Map<String, ArrayDeque<Pending>> pending = new LinkedHashMap<>();
    private int count;
    private boolean scheduled;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;

    @Inject
    public EventWriter(EventRepository store) {
        this(store, null, Clock.systemUTC());
    }

    EventWriter(EventRepository store, ScheduledExecutorService scheduler, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** For CDI proxies only. */
    protected EventWriter() {
        this.store = null;
        this.clock = null;
    }

    /** Queues an event of a response for the store; waits only while {@link #MAX_PENDING} events are pending. */
    public void append(String responseId, StreamEvent event) throws InterruptedException {
        synchronized (this) {
            while (count >= MAX_PENDING) {
                wait();
            }
            pending.computeIfAbsent(responseId, id -> new ArrayDeque<>()).add(new Pending(event, clock.millis()));
            count++;
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule(LINGER.toMillis());
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::writeBehind, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
            }
            storeDue(() -> Long.MAX_VALUE); // the server is stopping: this thread writes
        }
    }

    /**
     * Stores the pending events of a response now, in this thread. When the store refuses them to the end of its
     * retries they are lost for replay, never for the live stream, and this returns.
     */
    public void store(String responseId) {
        writing.lock();
        try {
            Map<String, List<StreamEvent>> batch;
            synchronized (this) {
                ArrayDeque<Pending> queued = pending.get(responseId);
                if (queued == null) {
                    return;
                }
                batch = Map.of(responseId, events(queued));
            }
            write(batch);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Hands the pending events of a response, as one record (none if none are pending), to {@code end}, which stores
     * them with the response's end in one transaction, on this thread; they stay pending until it returns. When it
     * fails they are lost for replay, never for the live stream.
     *
     * @return what {@code end} returned
     */
    public boolean storeWith(String responseId, Predicate<List<EventRecord>> end) {
        writing.lock();
        try {
            List<StreamEvent> events;
            synchronized (this) {
                ArrayDeque<Pending> queued = pending.get(responseId);
                events = queued == null ? List.of() : events(queued);
            }
            try {
                return end.test(events.isEmpty() ? List.of()
                        : List.of(StoredEvents.record(responseId, events, clock.millis())));
            } finally {
                if (!events.isEmpty()) {
                    release(Map.of(responseId, events));
                }
            }
        } finally {
            writing.unlock();
        }
    }

    /** The pending events of a response from {@code sequence} on, without a gap; empty when it is not pending. */
    public synchronized List<StreamEvent> pendingFrom(String responseId, int sequence) {
        ArrayDeque<Pending> queued = pending.get(responseId);
        List<StreamEvent> from = new ArrayList<>();
        if (queued != null) {
            for (Pending each : queued) {
                if (each.event().sequence() == sequence + from.size()) {
                    from.add(each.event());
                } else if (!from.isEmpty()) {
                    break;
                }
            }
        }
        return from;
    }

    /**
     * Writes the events that are due, then comes back when the oldest of those left will have waited
     * {@link #LINGER}; even when the write failed, since an append schedules a write only while none is scheduled.
     */
    private void writeBehind() {
        try {
            storeDue(clock::millis);
        } finally {
            long next = -1;
            synchronized (this) {
                OptionalLong oldest = pending.values().stream().mapToLong(queued -> queued.getFirst().at()).min();
                scheduled = oldest.isPresent();
                if (scheduled) {
                    // A clock set back leaves events that came "after" now: they wait no longer than LINGER.
                    next = Math.min(LINGER.toMillis(),
                            Math.max(0, oldest.getAsLong() + LINGER.toMillis() - clock.millis()));
                }
            }
            if (next >= 0) {
                schedule(next);
            }
        }
    }

    /**
     * Writes, in batches, the pending events of every response whose oldest is due at {@code now}, read at each
     * batch ({@code Long.MAX_VALUE}: of every response).
     */
    private void storeDue(LongSupplier now) {
        while (true) {
            writing.lock();
            try {
                Map<String, List<StreamEvent>> batch;
                synchronized (this) {
                    batch = firstDue(now.getAsLong());
                }
                if (batch.isEmpty()) {
                    return;
                }
                write(batch);
            } finally {
                writing.unlock();
            }
        }
    }

    /** Writes events taken while holding {@link #writing}, then lets them go. */
    private void write(Map<String, List<StreamEvent>> batch) {
        long now = clock.millis();
        List<EventRecord> records = new ArrayList<>(batch.size());
        batch.forEach((responseId, events) -> records.add(StoredEvents.record(responseId, events, now)));
        try {
            store.appendAll(records);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Stream events of " + batch.size() + " responses could not be stored for replay: " + e);
        }
        release(batch);
    }

    /** Lets go of events that were written, or could not be. */
    private void release(Map<String, List<StreamEvent>> batch) {
        synchronized (this) {
            batch.forEach((responseId, events) -> {
                ArrayDeque<Pending> queued = pending.get(responseId);
                for (int i = 0; i < events.size(); i++) {
                    queued.removeFirst();
                }
                if (queued.isEmpty()) {
                    pending.remove(responseId);
                }
                count -= events.size();
            });
            notifyAll();
        }
    }

    /**
     * The pending events, each response's in order, of the responses whose oldest pending event has waited half of
     * {@link #LINGER} at {@code now}, or came after it by a clock set back since, at most {@link #BATCH}; they stay
     * pending.
     */
    private Map<String, List<StreamEvent>> firstDue(long now) {
        Map<String, List<StreamEvent>> batch = new LinkedHashMap<>();
        int taken = 0;
        for (Iterator<Map.Entry<String, ArrayDeque<Pending>>> queues = pending.entrySet().iterator();
                queues.hasNext() && taken < BATCH; ) {
            Map.Entry<String, ArrayDeque<Pending>> queue = queues.next();
            long oldest = queue.getValue().getFirst().at();
            if (oldest > now - LINGER.toMillis() / 2 && oldest <= now) {
                continue;
            }
            List<StreamEvent> events = new ArrayList<>(Math.min(queue.getValue().size(), BATCH - taken));
            for (Iterator<Pending> each = queue.getValue().iterator(); each.hasNext() && taken < BATCH; taken++) {
                events.add(each.next().event());
            }
            batch.put(queue.getKey(), events);
        }
        return batch;
    }

    private static List<StreamEvent> events(ArrayDeque<Pending> queued) {
        return queued.stream().map(Pending::event).toList();
    }

    /** A server that stops stores what is pending first, as long as the store answers. */
    @PreDestroy
    void stop() {
        storeDue(() -> Long.MAX_VALUE);
        synchronized (this) {
            if (count > 0) {
                LOG.warning(count + " stream events were not stored for replay before the server stopped");
            }
        }
    }

    /** An event, and when it came. */
    private record Pending(StreamEvent event, long at) {
    }
}
