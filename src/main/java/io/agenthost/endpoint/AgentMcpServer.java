package io.agenthost.endpoint;

import io.agenthost.agent.HostedAgent;
import io.agenthost.responses.CreateResponseRequest;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.function.Function;

/**
 * The MCP server that offers every hosted agent as a tool, in both revisions of MCP at one URL: the servlet to map
 * at {@link #PATH}, and the SDK servers behind it.
 */
public final class AgentMcpServer implements AutoCloseable {

    public static final String PATH = "/mcp";
    static final String NAME = "agent-host";
    static final String VERSION = "1.0.0";
    static final String INSTRUCTIONS = "Each tool is an agent hosted here: send it a query. Pass a threadId to"
            + " continue that agent's conversation of that id.";

    private final SessionAgentServer sessions;
    private final StatelessAgentServer stateless;
    private final HttpServlet servlet;

    private AgentMcpServer(SessionAgentServer sessions, StatelessAgentServer stateless) {
        this.sessions = sessions;
        this.stateless = stateless;
        this.servlet = new RevisionRouter(sessions.servlet(), stateless.servlet());
    }

    /**
     * @param agents  the agents to offer, each as a tool of its name
     * @param respond runs a request to its end, as {@code ResponseService.respond}
     */
    public static AgentMcpServer create(List<HostedAgent> agents, Function<CreateResponseRequest, JsonObject> respond) {
        AgentTools tools = new AgentTools(respond);
        return new AgentMcpServer(new SessionAgentServer(agents, tools), new StatelessAgentServer(agents, tools));
    }

    /** The servlet of both revisions; it needs async support. */
    public HttpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            stateless.close();
        }
    }
}
