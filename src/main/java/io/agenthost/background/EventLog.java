package io.agenthost.background;

import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stored stream events of responses: appended as they are sent, and followed from any sequence number to the
 * terminal event, by any server that shares the database. A follower on the server that runs the response is woken
 * by each event; elsewhere it reads the database every {@link #POLL}.
 */
@ApplicationScoped
public class EventLog {

    static final Duration POLL = Duration.ofMillis(500);
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());

    private final EventRepository events;
    private final ResponseRepository responses;
    private final Duration lease;
    private final Clock clock;
    private final ConcurrentMap<String, Object> signals = new ConcurrentHashMap<>();

    @Inject
    public EventLog(EventRepository events, ResponseRepository responses,
            @ConfigProperty(name = "agent.runs.lease", defaultValue = "PT60S") Duration lease) {
        this(events, responses, lease, Clock.systemUTC());
    }

    EventLog(EventRepository events, ResponseRepository responses, Duration lease, Clock clock) {
        this.events = events;
        this.responses = responses;
        this.lease = lease;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected EventLog() {
        this.events = null;
        this.responses = null;
        this.lease = null;
        this.clock = null;
    }

    /**
     * Stores an event of a response. A store that is away loses the event for replay, never the live stream: the
     * client that is connected still gets it, and the response itself is stored at its end.
     */
    public void append(String responseId, StreamEvent event) {
        try {
            events.append(new EventRecord(responseId, event.sequence(), event.type(), event.data(),
                    clock.millis()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "Event " + event.sequence() + " of response " + responseId
                    + " could not be stored for replay: " + e);
        }
        Object signal = signals.get(responseId);
        if (signal != null) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /**
     * Sends the events of a stored response after {@code after} ({@code -1}: all), then those that follow, until
     * its terminal event. A response that ended without one stored (cancelled or expired where its run was not)
     * gets one made from the stored response. A run that stopped heartbeating without ending (its server died
     * during a foreground stream) ends the stream with an {@code error} event.
     *
     * @param out takes each event; false when the client has left, which ends the following
     */
    public void follow(String responseId, int after, Predicate<StreamEvent> out) throws InterruptedException {
        Object signal = signals.computeIfAbsent(responseId, id -> new Object());
        try {
            int last = after;
            while (true) {
                List<EventRecord> page = events.after(responseId, last, PAGE);
                for (EventRecord record : page) {
                    StreamEvent event = new StreamEvent(record.sequence(), record.type(), record.data());
                    last = event.sequence();
                    if (!out.test(event) || event.terminal()) {
                        return;
                    }
                }
                if (page.size() == PAGE) {
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
                synchronized (signal) {
                    signal.wait(POLL.toMillis());
                }
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
        try (JsonReader reader = Json.createReader(new StringReader(response.responseJson()))) {
            return StreamEvent.of(sequence, StreamEvent.terminalType(response.status()),
                    Json.createObjectBuilder().add("response", reader.readObject()));
        }
    }

    private static StreamEvent error(int sequence, String code, String message) {
        return StreamEvent.of(sequence, "error", Json.createObjectBuilder().add("code", code)
                .add("message", message).addNull("param"));
    }
}
