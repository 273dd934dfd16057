package io.agenthost.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where responses are kept for retrieval and continuation. */
public interface ResponseRepository {

    /** Records a response when its run starts, so that a run cut short is never mistaken for a finished one. */
    void insert(ResponseRecord record);

    /**
     * Records how a run ended, unless it has ended already (cancelled from another server, or failed for a lost
     * heartbeat): the first end stands.
     *
     * @return whether this end was recorded
     */
    boolean finish(String id, String status, String responseJson);

    /**
     * Records how a run ended as {@link #finish(String, String, String)} does, and stores its last stream events in
     * the same transaction: whoever finds the response ended finds them stored. The events are stored whether or not
     * this end is recorded, as long as the response exists.
     */
    boolean finish(String id, String status, String responseJson, List<EventRecord> lastEvents);

    /** A response by id, whichever agent made it: callers check the agent. */
    Optional<ResponseRecord> find(String id);

    /** The responses of one agent's conversation, oldest first. */
    List<ResponseRecord> conversation(String agent, String conversationId);

    /** @return false when there was no such response */
    boolean delete(String id);

    /** Says that the runs of these responses are alive, now (epoch milliseconds); ended ones are left alone. */
    void heartbeat(Collection<String> ids, long now);

    /** Background responses still running whose last heartbeat is older than {@code before} (epoch ms). */
    List<ResponseRecord> expired(long before);

    /** Those of these responses that have ended (or are gone), whoever ended them. */
    List<String> ended(Collection<String> ids);

    /**
     * Records that a queued background run has started.
     *
     * @return false when it is no longer queued (cancelled before it started)
     */
    boolean start(String id, String responseJson);
}
