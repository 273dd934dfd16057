package io.agenthost.responses;

import io.agenthost.store.EventRecord;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.Predicate;

/** Where the events of a run go: an SSE stream, or nowhere for a JSON response. */
interface EventSink {

    EventSink NONE = (type, fields) -> {
    };

    /** Sends one event; the sink adds its {@code type} and {@code sequence_number}. */
    void send(String type, JsonObjectBuilder fields);

    /**
     * Records the end of the response through {@code end}, handing it the events sent so far that the sink stores and
     * has not stored yet, to go in the same transaction. A sink that stores no events hands it none.
     *
     * @return what {@code end} returned: whether the end was recorded
     */
    default boolean recordEnd(Predicate<List<EventRecord>> end) {
        return end.test(List.of());
    }
}
