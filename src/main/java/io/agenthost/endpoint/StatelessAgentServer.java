package io.agenthost.endpoint;

import io.agenthost.agent.HostedAgent;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.http.HttpServlet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents' tools in MCP 2026-07-28, through the SDK's stateless server. Requests are handled on the servlet
 * thread that carries them (the transport handles them blocking), where the container's context is active.
 */
final class StatelessAgentServer implements AutoCloseable {

    private final HttpServletMcpTransport transport;

    StatelessAgentServer(List<HostedAgent> agents, AgentTools tools) {
        Map<String, McpSyncTool> byName = new LinkedHashMap<>();
        for (HostedAgent agent : agents) {
            McpSchema.Tool definition = McpSchema.Tool.builder(agent.name(), AgentTools.inputSchema())
                    .title(agent.name()).description(AgentTools.description(agent)).build();
            byName.put(agent.name(), McpSyncTool.of(definition,
                    (request, call) -> McpSyncResponse.result(result(tools.call(agent, call.arguments())))));
        }
        List<McpSchema.Tool> listed = byName.values().stream().map(McpSyncTool::definition).toList();
        McpServer server = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(AgentMcpServer.NAME, AgentMcpServer.VERSION).build())
                .instructions(AgentMcpServer.INSTRUCTIONS)
                .feature(ToolsFeature.ofSync(new McpSyncToolRepository() {
                    @Override
                    public ToolsPage list(McpRequestContext request, String cursor) {
                        return ToolsPage.of(listed);
                    }

                    @Override
                    public McpSyncTool find(McpRequestContext request, String name) {
                        return byName.get(name);
                    }
                }))
                .build();
        // Who may call is decided before any servlet, on every path (HostedAgentFilter: callers, Host and Origin);
        // the transport's own check would refuse every Origin, a loopback page's included.
        transport = HttpServletMcpTransport.builder(server).endpoint(AgentMcpServer.PATH)
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP).build();
    }

    private static McpSchema.CallToolResult result(AgentReply reply) {
        return McpSchema.CallToolResult.builder().addContent(new McpSchema.TextContent(null, reply.text(), null))
                .isError(reply.isError()).meta(reply.meta()).build();
    }

    HttpServlet servlet() {
        return transport;
    }

    @Override
    public void close() {
        transport.closeGracefully();
    }
}
