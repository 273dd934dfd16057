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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Writes the stream events of the responses running on this server behind their streams: the client gets an event
 * at once, and the events of every response that came within {@link #LINGER} go to the store in one transaction,
 * those of a response in one row. A run that ends stores what is left of its events itself, in the transaction
 * that records its end ({@link #storeWith}). An event is pending, and readable here, until its transaction has
 * committed, so that a follower on this server who reads the store and then what is pending misses none. One write
 * at a time keeps each response's stored events a prefix of its stream.
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
    private final Map<String, ArrayDeque<StreamEvent>> pending = new LinkedHashMap<>();
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
            pending.computeIfAbsent(responseId, id -> new ArrayDeque<>()).add(event);
            count++;
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            scheduler.schedule(this::storeAll, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            storeAll(); // the server is stopping: this thread writes
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
                ArrayDeque<StreamEvent> queued = pending.get(responseId);
                if (queued == null) {
                    return;
                }
                batch = Map.of(responseId, List.copyOf(queued));
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
                ArrayDeque<StreamEvent> queued = pending.get(responseId);
                events = queued == null ? List.of() : List.copyOf(queued);
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
        ArrayDeque<StreamEvent> queued = pending.get(responseId);
        List<StreamEvent> from = new ArrayList<>();
        if (queued != null) {
            for (StreamEvent event : queued) {
                if (event.sequence() == sequence + from.size()) {
                    from.add(event);
                } else if (!from.isEmpty()) {
                    break;
                }
            }
        }
        return from;
    }

    private void storeAll() {
        synchronized (this) {
            scheduled = false;
        }
        while (true) {
            writing.lock();
            try {
                Map<String, List<StreamEvent>> batch;
                synchronized (this) {
                    batch = firstPending();
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
                ArrayDeque<StreamEvent> queued = pending.get(responseId);
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

    /** The oldest pending events by response, each response's in order, at most {@link #BATCH}; they stay pending. */
    private Map<String, List<StreamEvent>> firstPending() {
        Map<String, List<StreamEvent>> batch = new LinkedHashMap<>();
        int taken = 0;
        for (Iterator<Map.Entry<String, ArrayDeque<StreamEvent>>> queues = pending.entrySet().iterator();
                queues.hasNext() && taken < BATCH; ) {
            Map.Entry<String, ArrayDeque<StreamEvent>> queue = queues.next();
            List<StreamEvent> events = new ArrayList<>(Math.min(queue.getValue().size(), BATCH - taken));
            for (Iterator<StreamEvent> each = queue.getValue().iterator(); each.hasNext() && taken < BATCH; taken++) {
                events.add(each.next());
            }
            batch.put(queue.getKey(), events);
        }
        return batch;
    }

    /** A server that stops stores what is pending first, as long as the store answers. */
    @PreDestroy
    void stop() {
        storeAll();
        synchronized (this) {
            if (count > 0) {
                LOG.warning(count + " stream events were not stored for replay before the server stopped");
            }
        }
    }
}
