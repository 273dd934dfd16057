package io.agenthost.responses;

import io.agenthost.agent.RunRequest;
import io.agenthost.store.ResponseRecord;

/**
 * A request that passed every check, with the response it will produce.
 *
 * @param record       the response as it is to be recorded when the run starts; null when it is not to be stored
 * @param conversation the conversation of the Conversations API whose items the run adds to; null for none
 */
record PreparedRun(CreateResponseRequest request, RunRequest run, ResponseObject response, ResponseRecord record,
        String conversation) {
}
