package io.agenthost.responses;

import jakarta.json.JsonObjectBuilder;

/** Where the events of a run go: an SSE stream, or nowhere for a JSON response. */
interface EventSink {

    EventSink NONE = (type, fields) -> {
    };

    /** Sends one event; the sink adds its {@code type} and {@code sequence_number}. */
    void send(String type, JsonObjectBuilder fields);

    /** Returns once the events sent so far are where they go: before the end of a response is recorded. */
    default void settle() {
    }
}
