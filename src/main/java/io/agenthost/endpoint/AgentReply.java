package io.agenthost.endpoint;

import java.util.Map;

/**
 * What a call of an agent's tool answers, in either revision of MCP.
 *
 * @param responseId the stored response of the run, by which it can be read on {@code /v1/responses}; null if none
 */
record AgentReply(String text, boolean isError, String responseId) {

    static AgentReply error(String message) {
        return new AgentReply(message, true, null);
    }

    /** The result's {@code _meta}: the stored response's id; null, for none, when there is no response. */
    Map<String, Object> meta() {
        return responseId == null ? null : Map.of(AgentReplies.RESPONSE_ID, responseId);
    }
}
