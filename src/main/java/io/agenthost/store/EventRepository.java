package io.agenthost.store;

import java.util.List;

/** Where the stream events of stored responses are kept for replay. */
public interface EventRepository {

    void append(EventRecord event);

    /** The events of a response after a sequence number, in order, at most {@code limit}. */
    List<EventRecord> after(String responseId, int after, int limit);

    /** Deletes the events stored before then (epoch milliseconds); returns how many. */
    int deleteBefore(long before);

    /** Deletes the events of one response. */
    void deleteOf(String responseId);
}
