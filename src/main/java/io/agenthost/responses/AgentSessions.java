package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.HostedAgent;
import io.agenthost.store.ConversationRecord;
import io.agenthost.store.ResponseRecord;
import java.util.List;

/**
 * Which agent a request acts through, and the rule that binds every stored response to the agent that made it:
 * sessions are keyed by (agent, key), so nothing of one agent's responses is read, continued or deleted through
 * another.
 */
public final class AgentSessions {

    private final AgentCatalog agents;

    public AgentSessions(AgentCatalog agents) {
        this.agents = agents;
    }

    /** The agent that runs a new response: the agent reference of the body, else its model, else metadata.entity_id. */
    HostedAgent forRun(String name) {
        if (name == null) {
            return agents.single().orElseThrow(() -> ApiException.badRequest(
                    "Missing required parameter: 'model' (the agent to run; see GET /v1/models).", "model",
                    "missing_required_parameter"));
        }
        return agents.find(name).orElseThrow(() -> ApiException.notFound(
                "The model '" + name + "' does not exist: no agent of that name is hosted here.", "model",
                "model_not_found"));
    }

    /**
     * The agent that reads, lists or deletes a stored response, named by the query parameter {@code agent}. With
     * several agents hosted it must be named: guessing it from the response itself would let any caller reach any
     * agent's responses.
     */
    public HostedAgent forStored(String name) {
        if (name == null || name.isBlank()) {
            return agents.single().orElseThrow(() -> ApiException.badRequest(
                    "Several agents are hosted here: name the agent that owns the response with the query parameter"
                            + " 'agent' (see GET /v1/models).", "agent", "missing_required_parameter"));
        }
        return agents.find(name).orElseThrow(() -> ApiException.notFound(
                "The agent '" + name + "' does not exist: no agent of that name is hosted here.", "agent",
                "model_not_found"));
    }

    /**
     * Refuses a response that another agent made. The message names both agents and the id the client sent, and
     * nothing of the response's content.
     *
     * @param param the request parameter that led to the response
     */
    static void requireOwner(HostedAgent agent, ResponseRecord record, String param) {
        requireAgent(agent, record.agent(), "Response '" + record.id() + "'", param);
    }

    /** Refuses a conversation that another agent holds, as {@link #requireOwner} refuses a response. */
    public static void requireOwner(HostedAgent agent, ConversationRecord conversation, String param) {
        requireAgent(agent, conversation.agent(), "Conversation '" + conversation.id() + "'", param);
    }

    /**
     * Checks, where a run is dispatched, that every response of its history is the running agent's, whatever the
     * lookup that found them: a second line of defence behind the lookups keyed by agent. The message names no
     * response, since the client did not name them.
     *
     * @param param the request parameter that named the history
     */
    static void requireHistoryOwner(HostedAgent agent, List<ResponseRecord> history, String param) {
        for (ResponseRecord record : history) {
            requireAgent(agent, record.agent(), "The history named by '" + param + "'", param);
        }
    }

    private static void requireAgent(HostedAgent agent, String owner, String subject, String param) {
        if (!AgentCatalog.sameName(owner, agent.name())) {
            throw ApiException.conflict(subject + " belongs to agent '" + owner + "' and cannot be used by agent '"
                    + agent.name() + "'.", param, "agent_mismatch");
        }
    }
}
