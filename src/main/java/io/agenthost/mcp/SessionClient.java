package io.agenthost.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** MCP 2025-11-25 through the SDK's session client: {@code initialize}, then requests within the session. */
final class SessionClient implements ProtocolClient {

    private static final Logger LOG = Logger.getLogger(SessionClient.class.getName());

    private final McpEndpoint endpoint;
    private final McpSyncClient client;

    /** @param toolsChanged told of the whole new list when the server says its tools changed */
    SessionClient(McpEndpoint endpoint, McpClientSettings settings, RetryingHttpClient http,
            CredentialRenewal renewal, Consumer<List<McpTool>> toolsChanged) {
        this.endpoint = endpoint;
        SessionTransport transport = new SessionTransport(endpoint, http,
                new McpRequestFilter(endpoint, renewal.nonce()), renewal.forSessions(), settings.requestTimeout());
        this.client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(settings.clientName(), settings.clientVersion()))
                .requestTimeout(settings.requestTimeout())
                .initializationTimeout(settings.requestTimeout())
                .transportContextProvider(McpRequestFilter::transportContext)
                .toolsChangeConsumer(changed -> toolsChanged.accept(convert(changed)))
                .build();
    }

    @Override
    public ProtocolRevision revision() {
        return ProtocolRevision.SESSIONS;
    }

    @Override
    public void open() {
        client.initialize();
    }

    @Override
    public ToolPage tools(String cursor) {
        McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
        return new ToolPage(convert(page.tools()), page.nextCursor());
    }

    @Override
    public McpCallResult call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        return new McpCallResult(McpFailures.text(result.content(), result.structuredContent()),
                Boolean.TRUE.equals(result.isError()));
    }

    @Override
    public void close() {
        try {
            client.closeGracefully();
        } catch (RuntimeException e) {
            LOG.fine(() -> "closing the session with MCP server " + endpoint.label() + ": " + e);
        }
    }

    private static List<McpTool> convert(List<McpSchema.Tool> tools) {
        List<McpTool> converted = new ArrayList<>(tools.size());
        for (McpSchema.Tool tool : tools) {
            converted.add(ToolDescriptions.of(tool.name(), tool.description(), tool.inputSchema(), tool.annotations()));
        }
        return List.copyOf(converted);
    }
}
