package io.agenthost.responses;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Writes events as Server-Sent Events: {@code event: <type>} and {@code data: <json>} with a {@code sequence_number}
 * from 0, flushed one by one. A client that goes away does not stop the run: its response is still stored.
 */
final class SseEventSink implements EventSink {

    private static final Logger LOG = Logger.getLogger(SseEventSink.class.getName());

    private final OutputStream out;
    private int sequence;
    private boolean disconnected;
    private boolean committed;

    SseEventSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void send(String type, JsonObjectBuilder fields) {
        String data = Json.createObjectBuilder().add("type", type).add("sequence_number", sequence++).addAll(fields)
                .build().toString();
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
            out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            disconnected = true;
            LOG.fine("The client left the stream; the run goes on and its response is kept: " + e);
        }
    }
}
