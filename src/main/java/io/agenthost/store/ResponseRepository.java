package io.agenthost.store;

import java.util.List;
import java.util.Optional;

/** Where responses are kept for retrieval and continuation. */
public interface ResponseRepository {

    /** Records a response when its run starts, so that a run cut short is never mistaken for a finished one. */
    void insert(ResponseRecord record);

    /** Records how a run ended. */
    void finish(String id, String status, String responseJson);

    /** A response by id, whichever agent made it: callers check the agent. */
    Optional<ResponseRecord> find(String id);

    /** The responses of one agent's conversation, oldest first. */
    List<ResponseRecord> conversation(String agent, String conversationId);

    /** @return false when there was no such response */
    boolean delete(String id);
}
