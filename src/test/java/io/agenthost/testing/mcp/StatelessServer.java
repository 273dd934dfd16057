package io.agenthost.testing.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/**
 * The MCP SDK's server of 2026-07-28 (stateless) with the tools of a test MCP server. It speaks no other revision:
 * {@code initialize} is refused with -32022, as a server that has moved on refuses it.
 */
final class StatelessServer implements JettyMcpHost.McpSide {

    private final List<TestTool> tools;
    private final McpServer mcp;
    private final HttpServletMcpTransport transport;

    /** @param tools read at each request, so that a tool added later is listed */
    StatelessServer(String name, String path, List<TestTool> tools,
            McpTransportContextExtractor<HttpServletRequest> context) {
        this.tools = tools;
        mcp = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(name, "1.0.0").build())
                .feature(ToolsFeature.ofSync(new McpSyncToolRepository() {
                    @Override
                    public ToolsPage list(McpRequestContext request, String cursor) {
                        return ToolsPage.of(StatelessServer.this.tools.stream().map(StatelessServer::definition)
                                .toList());
                    }

                    @Override
                    public McpSyncTool find(McpRequestContext request, String toolName) {
                        return StatelessServer.this.tools.stream().filter(tool -> tool.name().equals(toolName))
                                .findFirst().map(StatelessServer::callable).orElse(null);
                    }
                }))
                .build();
        transport = HttpServletMcpTransport.builder(mcp).endpoint(path).contextExtractor(context).build();
    }

    private static McpSchema.Tool definition(TestTool tool) {
        return McpSchema.Tool.builder(tool.name(), McpJsonDefaults.getMapper(), tool.inputSchemaJson())
                .description(tool.description()).build();
    }

    private static McpSyncTool callable(TestTool tool) {
        return McpSyncTool.of(definition(tool), (request, call) -> {
            TestTool.Answer answer = tool.handler().apply(new TestTool.Call(call.name(),
                    call.arguments() == null ? java.util.Map.of() : call.arguments(), request.transportContext()));
            if (answer.consentUrl() != null) {
                return McpSyncResponse.result(McpSchema.InputRequiredResult.builder()
                        .elicitUrl("consent-" + call.name(), answer.text(), answer.consentUrl()).build());
            }
            return McpSyncResponse.result(McpSchema.CallToolResult.builder()
                    .addContent(new McpSchema.TextContent(null, answer.text(), null)).isError(answer.isError())
                    .build());
        });
    }

    @Override
    public HttpServlet servlet() {
        return transport;
    }

    @Override
    public void addTool(TestTool tool) {
        // listed from the next request on: the tools are read at each one
    }

    @Override
    public void notifyToolsChanged() {
        throw new UnsupportedOperationException("a stateless server tells of changes only to subscribers");
    }

    @Override
    public void close() {
        transport.closeGracefully();
    }
}
