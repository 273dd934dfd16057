package io.agenthost.endpoint;

import io.agenthost.agent.HostedAgent;
import io.agenthost.responses.ApiException;
import io.agenthost.responses.CreateResponseRequest;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each hosted agent as an MCP tool of its own name, in terms of neither revision of MCP. A call is a stored response of that agent, as
 * {@code POST /v1/responses} makes one, with the {@code threadId} as its {@code conversation}: the key is bound
 * under the called agent, so a thread continues per (agent, threadId), and the id of another agent's thread is
 * only a new key here.
 */
final class AgentTools {

    static final String QUERY = "query";
    static final String THREAD_ID = "threadId";

    /** The longest conversation key {@code POST /v1/responses} accepts. */
    static final int MAX_THREAD_ID = 256;

    private static final Logger LOG = Logger.getLogger(AgentTools.class.getName());

    private final Function<CreateResponseRequest, JsonObject> respond;

    /** @param respond runs a request to its end, as {@code ResponseService.respond} */
    AgentTools(Function<CreateResponseRequest, JsonObject> respond) {
        this.respond = respond;
    }

    /** What the agent's tool is for: the agent's description, or its name when it has none. */
    static String description(HostedAgent agent) {
        return agent.description() == null || agent.description().isBlank()
                ? "The agent '" + agent.name() + "'." : agent.description();
    }

    /** The JSON Schema of the tool's arguments: a query, and optionally a thread. */
    static Map<String, Object> inputSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(QUERY, Map.of("type", "string", "description", "What to ask the agent."));
        properties.put(THREAD_ID, Map.of("type", "string", "maxLength", MAX_THREAD_ID, "description",
                "Continues this agent's conversation of that id, so it sees the earlier questions and answers;"
                        + " omit it for a question on its own."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of(QUERY));
        return schema;
    }

    AgentReply call(HostedAgent agent, Map<String, Object> arguments) {
        Object query = arguments == null ? null : arguments.get(QUERY);
        if (!(query instanceof String text) || text.isBlank()) {
            return AgentReply.error("'" + QUERY + "' is required: the text to send to agent '" + agent.name()
                    + "'.");
        }
        Object thread = arguments.get(THREAD_ID);
        if (thread != null && !(thread instanceof String)) {
            return AgentReply.error("'" + THREAD_ID + "' must be a string.");
        }
        // Models often fill an optional argument with an empty string: that asks for no thread.
        String threadId = thread == null || ((String) thread).isBlank() ? null : (String) thread;
        if (threadId != null && threadId.length() > MAX_THREAD_ID) {
            return AgentReply.error("'" + THREAD_ID + "' must be at most " + MAX_THREAD_ID + " characters.");
        }
        try {
            return AgentReplies.of(agent.name(),
                    respond.apply(CreateResponseRequest.text(agent.name(), text, threadId)));
        } catch (ApiException e) {
            return AgentReply.error("Agent '" + agent.name() + "' refused the request: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The MCP tool of agent " + agent.name() + " failed", e);
            return AgentReply.error("The server had an error while running agent '" + agent.name() + "'.");
        }
    }
}
