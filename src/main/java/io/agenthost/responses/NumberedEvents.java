package io.agenthost.responses;

import io.agenthost.background.StreamEvent;
import io.agenthost.store.EventRecord;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Numbers the events of a run from 0 and hands each on whole. A run that is cancelled is stopped at its next event
 * by a {@link CancellationException}: every event but the terminal one, which ends the stream, checks.
 */
final class NumberedEvents implements EventSink {

    private final Consumer<StreamEvent> next;
    private final BooleanSupplier cancelled;
    private final EndRecorder ending;
    private int sequence;

    /** For events that are not stored. */
    NumberedEvents(Consumer<StreamEvent> next) {
        this(next, () -> false, end -> end.test(List.of()));
    }

    NumberedEvents(Consumer<StreamEvent> next, EndRecorder ending) {
        this(next, () -> false, ending);
    }

    NumberedEvents(Consumer<StreamEvent> next, BooleanSupplier cancelled, EndRecorder ending) {
        this.next = next;
        this.cancelled = cancelled;
        this.ending = ending;
    }

    @Override
    public boolean recordEnd(Predicate<List<EventRecord>> end) {
        return ending.recordEnd(end);
    }

    @Override
    public synchronized void send(String type, JsonObjectBuilder fields) {
        if (!StreamEvent.isTerminal(type) && cancelled.getAsBoolean()) {
            throw new CancellationException("the response was cancelled");
        }
        next.accept(StreamEvent.of(sequence++, type, fields));
    }

    /** What records the end of the response with the events that are not stored yet ({@link EventSink#recordEnd}). */
    @FunctionalInterface
    interface EndRecorder {
        boolean recordEnd(Predicate<List<EventRecord>> end);
    }
}
