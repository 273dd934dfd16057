package io.agenthost.store;

import java.util.List;

/** Where the stream events of stored responses are kept for replay. */
public interface EventRepository {

    /** Stores events, of one response or several, in one transaction. */
    void appendAll(List<EventRecord> events);

    /** The events of a response after a sequence number, in order, at most {@code limit}. */
    List<EventRecord> after(String responseId, int after, int limit);

    /** Deletes the events stored before then (epoch milliseconds); returns how many. */
    int deleteBefore(long before);

    /** Deletes the events of one response. */
    void deleteOf(String responseId);
}
