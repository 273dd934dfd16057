package io.agenthost.responses;

import io.agenthost.background.StreamEvent;
import jakarta.json.JsonObjectBuilder;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Numbers the events of a run from 0 and hands each on whole. A run that is cancelled is stopped at its next event
 * by a {@link CancellationException}: every event but the terminal one, which ends the stream, checks.
 */
final class NumberedEvents implements EventSink {

    private final Consumer<StreamEvent> next;
    private final BooleanSupplier cancelled;
    private final Runnable settle;
    private int sequence;

    NumberedEvents(Consumer<StreamEvent> next, Runnable settle) {
        this(next, () -> false, settle);
    }

    NumberedEvents(Consumer<StreamEvent> next, BooleanSupplier cancelled, Runnable settle) {
        this.next = next;
        this.cancelled = cancelled;
        this.settle = settle;
    }

    @Override
    public void settle() {
        settle.run();
    }

    @Override
    public synchronized void send(String type, JsonObjectBuilder fields) {
        if (!StreamEvent.isTerminal(type) && cancelled.getAsBoolean()) {
            throw new CancellationException("the response was cancelled");
        }
        next.accept(StreamEvent.of(sequence++, type, fields));
    }
}
