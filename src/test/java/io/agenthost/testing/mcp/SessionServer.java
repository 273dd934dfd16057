package io.agenthost.testing.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;

/** The MCP SDK's server of 2025-11-25 (sessions, streamable HTTP) with the tools of a test MCP server. */
final class SessionServer implements JettyMcpHost.McpSide {

    static final int URL_ELICITATION_REQUIRED = -32042;

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer mcp;

    SessionServer(String name, String path, List<TestTool> tools,
            McpTransportContextExtractor<HttpServletRequest> context) {
        transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(path)
                .contextExtractor(context)
                .build();
        mcp = McpServer.sync(transport)
                .serverInfo(name, "1.0.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(tools.stream().map(SessionServer::specification).toList())
                .build();
    }

    static SyncToolSpecification specification(TestTool tool) {
        Tool definition = Tool.builder().name(tool.name()).description(tool.description())
                .inputSchema(McpJsonDefaults.getMapper(), tool.inputSchemaJson()).build();
        return SyncToolSpecification.builder().tool(definition).callHandler((exchange, request) -> {
            TestTool.Answer answer = tool.handler().apply(new TestTool.Call(request.name(), request.arguments(),
                    exchange.transportContext()));
            if (answer.consentUrl() != null) {
                throw McpError.builder(URL_ELICITATION_REQUIRED).message("URL elicitation required")
                        .data(Map.of("elicitations", List.of(Map.of("mode", "url", "url", answer.consentUrl(),
                                "message", answer.text(), "elicitationId", "consent-" + request.name()))))
                        .build();
            }
            return CallToolResult.builder().addTextContent(answer.text()).isError(answer.isError()).build();
        }).build();
    }

    @Override
    public HttpServlet servlet() {
        return transport;
    }

    @Override
    public void addTool(TestTool tool) {
        mcp.addTool(specification(tool));
    }

    @Override
    public void notifyToolsChanged() {
        mcp.notifyToolsListChanged();
    }

    @Override
    public void close() {
        mcp.close();
    }
}
