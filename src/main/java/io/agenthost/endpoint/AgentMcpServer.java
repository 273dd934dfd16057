package io.agenthost.endpoint;

import io.agenthost.agent.HostedAgent;
import io.agenthost.responses.CreateResponseRequest;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.function.Function;

/**
 * The MCP server (streamable HTTP, MCP Java SDK) that offers every hosted agent as a tool: the servlet to map at
 * {@link #PATH}, and the SDK server behind it.
 */
public final class AgentMcpServer implements AutoCloseable {

    public static final String PATH = "/mcp";
    static final String NAME = "agent-host";
    static final String VERSION = "1.0.0";

    private final HttpServlet servlet;
    private final McpSyncServer server;

    private AgentMcpServer(HttpServlet servlet, McpSyncServer server) {
        this.servlet = servlet;
        this.server = server;
    }

    /**
     * @param agents  the agents to offer, each as a tool of its name
     * @param respond runs a request to its end, as {@code ResponseService.respond}
     */
    public static AgentMcpServer create(List<HostedAgent> agents, Function<CreateResponseRequest, JsonObject> respond) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(PATH)
                .build();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, VERSION)
                .instructions("Each tool is an agent hosted here: send it a query. Pass a threadId to continue that"
                        + " agent's conversation of that id.")
                // The hosted agents are fixed when the application starts, so the list never changes.
                .capabilities(ServerCapabilities.builder().tools(false).build())
                // A call runs on the servlet thread that carries it, where the container's context is active (CDI,
                // transactions, the caller's identity); by default the SDK would move it to a Reactor thread that
                // has none of it.
                .immediateExecution(true)
                .tools(new AgentTools(respond).specifications(agents))
                .build();
        return new AgentMcpServer(new NoListeningStreamServlet(transport), server);
    }

    /** The streamable HTTP servlet; it needs async support. */
    public HttpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        server.close();
    }
}
