package io.agenthost.background;

import io.agenthost.json.Json;
import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stored stream events of responses: appended as they are sent, and followed from any sequence number to the
 * terminal event, by any server that shares the database. The events are written behind the stream
 * ({@link EventWriter}), but a response's last ones are stored with its end ({@link #finish}), so that a
 * follower anywhere who finds it ended finds every event but the terminal one, which is made from the stored
 * response: the same event. A follower on the server that runs the response is woken by
 * each event and reads it before it is stored; elsewhere it reads the database every {@link #POLL}.
 */
@ApplicationScoped
public class EventLog {

    static final Duration POLL = Duration.ofMillis(500);
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());

    private final EventRepository events;
    private final EventWriter writer;
    private final ResponseRepository responses;
    private final Duration lease;
    private final Clock clock;
    private final ConcurrentMap<String, Signal> signals = new ConcurrentHashMap<>();

    @Inject
    public EventLog(EventRepository events, EventWriter writer, ResponseRepository responses,
            @ConfigProperty(name = "agent.runs.lease", defaultValue = "PT60S") Duration lease) {
        this(events, writer, responses, lease, Clock.systemUTC());
    }

    EventLog(EventRepository events, EventWriter writer, ResponseRepository responses, Duration lease, Clock clock) {
        this.events = events;
        this.writer = writer;
        this.responses = responses;
        this.lease = lease;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected EventLog() {
        this.events = null;
        this.writer = null;
        this.responses = null;
        this.lease = null;
        this.clock = null;
    }

    /**
     * Stores an event of a response, behind its stream. A store that is away loses the event for replay, never the
     * live stream: the client that is connected still gets it, and the response itself is stored at its end. The
     * terminal event is not stored: it is sent once the end is recorded ({@link #finish}), and a replay makes it from
     * the stored response, the same event, so storing it would only keep the response twice.
     */
    public void append(String responseId, StreamEvent event) {
        try {
            if (!event.terminal()) {
                writer.append(responseId, event);
            }
            Signal signal = signals.get(responseId);
            if (signal != null) {
                signal.raise();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning(() -> "Event " + event.sequence() + " of response " + responseId
                    + " may not be stored for replay: the run was interrupted");
        }
    }

    /** Stores the events of a response sent so far: its end may be recorded then. */
    public void settle(String responseId) {
        writer.store(responseId);
    }

    /**
     * Records the end of a response with the events it sent that are not stored yet, in one transaction.
     *
     * @param end records the end with the events it is given; true when it was recorded
     * @return what {@code end} returned
     */
    public boolean finish(String responseId, Predicate<List<EventRecord>> end) {
        return writer.storeWith(responseId, end);
    }

    /**
     * Sends the events of a stored response after {@code after} ({@code -1}: all), then those that follow, until
     * its terminal event, made from the stored response once it has ended (stored only in rows written before
     * terminal events were left out). A run that stopped heartbeating without ending (its server died
     * during a foreground stream) ends the stream with an {@code error} event.
     *
     * @param out takes each event; false when the client has left, which ends the following
     */
    public void follow(String responseId, int after, Predicate<StreamEvent> out) throws InterruptedException {
        Signal signal = signals.computeIfAbsent(responseId, id -> new Signal());
        try {
            int last = after;
            while (true) {
                long seen = signal.raised();
                // What is pending here follows what is stored: read the store only when the next event is not.
                List<StreamEvent> pending = writer.pendingFrom(responseId, last + 1);
                List<EventRecord> stored = pending.isEmpty() ? events.after(responseId, last, PAGE) : List.of();
                List<StreamEvent> next = new ArrayList<>(pending);
                stored.forEach(record -> next.addAll(StoredEvents.events(record)));
                for (StreamEvent event : next) {
                    if (event.sequence() <= last) {
                        continue; // the first row read may begin before it
                    }
                    last = event.sequence();
                    if (!out.test(event) || event.terminal()) {
                        return;
                    }
                }
                if (!pending.isEmpty() || stored.size() == PAGE) {
                    continue;
                }
                Optional<ResponseRecord> response = responses.find(responseId);
                if (response.isEmpty()) {
                    out.test(error(last + 1, "response_not_found", "The response was deleted."));
                    return;
                }
                if (!response.get().running()) {
                    if (events.after(responseId, last, 1).isEmpty()) {
                        out.test(terminal(last + 1, response.get()));
                        return;
                    }
                    continue;
                }
                if (abandoned(response.get())) {
                    out.test(error(last + 1, "server_restarted",
                            "The server that ran this response stopped before it ended."));
                    return;
                }
                signal.await(seen, POLL);
            }
        } finally {
            signals.remove(responseId, signal);
        }
    }

    /** A foreground run whose server stopped heartbeating it: nothing will end it (background ones expire). */
    private boolean abandoned(ResponseRecord response) {
        return !response.background() && response.heartbeat() > 0
                && response.heartbeat() < clock.millis() - lease.toMillis();
    }

    private static StreamEvent terminal(int sequence, ResponseRecord response) {
        return StreamEvent.of(sequence, StreamEvent.terminalType(response.status()),
                Json.createObjectBuilder().add("response", Json.readObject(response.responseJson())));
    }

    private static StreamEvent error(int sequence, String code, String message) {
        return StreamEvent.of(sequence, "error", Json.createObjectBuilder().add("code", code)
                .add("message", message).addNull("param"));
    }

    /** Raised at each event of a response: a follower that read before it does not sleep through it. */
    private static final class Signal {

        private long raised;

        synchronized long raised() {
            return raised;
        }

        synchronized void raise() {
            raised++;
            notifyAll();
        }

        synchronized void await(long seen, Duration most) throws InterruptedException {
            if (raised == seen) {
                wait(most.toMillis());
            }
        }
    }
}
