package io.agenthost.mcp;

import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads Server-Sent Events line by line, as the HTML standard says a client reads them: each event's type, data and
 * the last event id seen. Comments and fields it does not know are skipped; an event is whole at its blank line.
 */
final class ServerSentEvents implements Flow.Subscriber<String> {

    /** One event: {@code type} null when the stream named none (a {@code message}). */
    record Event(String lastId, String type, String data) {

        boolean isMessage() {
            return type == null || type.isEmpty() || type.equals("message");
        }
    }

    private final Consumer<Event> events;
    private String lastId;
    private String type;
    private StringBuilder data;
    private int count;

    ServerSentEvents(Consumer<Event> events) {
        this.events = events;
    }

    /** Reads a whole body; an event without its blank line at the end is dropped, as the standard says. */
    void read(String body) {
        body.lines().forEach(this::line);
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> type = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // retry, and fields of no meaning here
            }
        }
    }

    /** The id of the last event, which a stream resumes after; null if none had one. */
    String lastId() {
        return lastId;
    }

    /** The events read so far. */
    int count() {
        return count;
    }

    private void dispatch() {
        if (data != null) {
            count++;
            events.accept(new Event(lastId, type, data.toString()));
        }
        data = null;
        type = null;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String item) {
        line(item);
    }

    @Override
    public void onError(Throwable throwable) {
        // the exchange's answer reports it
    }

    @Override
    public void onComplete() {
        // an event not ended by its blank line is dropped
    }
}
