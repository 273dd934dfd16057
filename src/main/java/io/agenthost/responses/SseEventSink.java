package io.agenthost.responses;

import io.agenthost.background.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Writes numbered events as Server-Sent Events, {@code event: <type>} and {@code data: <json>}, flushed one by one. A
 * client that goes away does not stop the run: its response is still stored.
 */
final class SseEventSink {

    private static final Logger LOG = Logger.getLogger(SseEventSink.class.getName());

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Clock clock;
    private boolean disconnected;
    private boolean committed;
    private Instant lastWrite;

    SseEventSink(OutputStream out) {
        this(out, Clock.systemUTC());
    }

    SseEventSink(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.lastWrite = clock.instant();
    }

    /**
     * Writes a comment line when nothing was written for {@code idle}: proxies and load balancers close a stream that
     * stays silent, while a run waits on a slow tool. Clients ignore comments; the sequence numbers are untouched.
     */
    synchronized void keepAlive(Duration idle) {
        if (disconnected || clock.instant().isBefore(lastWrite.plus(idle))) {
            return;
        }
        try {
            out.write(KEEP_ALIVE);
            out.flush();
            committed = true;
            lastWrite = clock.instant();
        } catch (IOException e) {
            disconnected = true;
            LOG.fine("The client left the stream; the run goes on and its response is kept: " + e);
        }
    }

    /** Whether the client has left: nothing more reaches it. */
    synchronized boolean disconnected() {
        return disconnected;
    }

    /** Writes an event numbered by the run ({@link NumberedEvents}), or as it was stored. */
    synchronized void write(StreamEvent event) {
        if (disconnected) {
            return;
        }
        try {
            if (!committed) {
                // The first flush of a response sends its headers only: flushed before the first event, the
                // headers go out, and the event goes with its own flush instead of waiting for the next one.
                out.flush();
                committed = true;
            }
            out.write(("event: " + event.type() + "\ndata: " + event.data() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWrite = clock.instant();
        } catch (IOException e) {
            disconnected = true;
            LOG.fine("The client left the stream; the run goes on and its response is kept: " + e);
        }
    }
}
