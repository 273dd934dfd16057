package io.agenthost.endpoint;

import io.agenthost.agent.HostedAgent;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.List;

/** The agents' tools in MCP 2025-11-25, through the SDK's server of sessions (streamable HTTP). */
final class SessionAgentServer implements AutoCloseable {

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;

    SessionAgentServer(List<HostedAgent> agents, AgentTools tools) {
        transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint(AgentMcpServer.PATH).build();
        server = McpServer.sync(transport)
                .serverInfo(AgentMcpServer.NAME, AgentMcpServer.VERSION)
                .instructions(AgentMcpServer.INSTRUCTIONS)
                // The hosted agents are fixed when the application starts, so the list never changes.
                .capabilities(ServerCapabilities.builder().tools(false).build())
                // A call runs on the servlet thread that carries it, where the container's context is active (CDI,
                // transactions, the caller's identity); by default the SDK would move it to a Reactor thread that
                // has none of it.
                .immediateExecution(true)
                .tools(specifications(agents, tools))
                .build();
    }

    private static List<SyncToolSpecification> specifications(List<HostedAgent> agents, AgentTools tools) {
        List<SyncToolSpecification> specifications = new ArrayList<>(agents.size());
        for (HostedAgent agent : agents) {
            specifications.add(SyncToolSpecification.builder()
                    .tool(Tool.builder().name(agent.name()).title(agent.name())
                            .description(AgentTools.description(agent)).inputSchema(AgentTools.inputSchema()).build())
                    .callHandler((exchange, request) -> result(tools.call(agent, request.arguments())))
                    .build());
        }
        return specifications;
    }

    private static CallToolResult result(AgentReply reply) {
        return CallToolResult.builder().addTextContent(reply.text()).isError(reply.isError()).meta(reply.meta())
                .build();
    }

    HttpServlet servlet() {
        return transport;
    }

    @Override
    public void close() {
        server.close();
    }
}
