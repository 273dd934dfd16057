package io.agenthost.testing.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One listening life of a test MCP server: an embedded Jetty carrying the MCP SDK's streamable HTTP servlet behind the
 * fault filter. Each start builds a fresh one, so sessions do not survive a close, as with a real server that went
 * down.
 */
final class JettyMcpHost {

    /** Key of the transport context entry holding the Authorization header of the request that carried a message. */
    static final String AUTHORIZATION = "authorization";

    private final Server jetty;
    private final ServerConnector connector;
    private final McpSyncServer mcp;

    private JettyMcpHost(Server jetty, ServerConnector connector, McpSyncServer mcp) {
        this.jetty = jetty;
        this.connector = connector;
        this.mcp = mcp;
    }

    static JettyMcpHost start(String name, String host, int port, String path, List<SyncToolSpecification> tools,
            FaultFilter filter) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(path)
                .contextExtractor(JettyMcpHost::context)
                .build();
        McpSyncServer mcp = McpServer.sync(transport)
                .serverInfo(name, "1.0.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(tools)
                .build();

        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("mcp-" + name);
        // Servers a test forgot to close must not keep its JVM alive.
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        // A server closed and reopened on the same fixed port must not trip over the closed one's lingering sockets.
        connector.setReuseAddress(true);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, path);
        FilterHolder faults = new FilterHolder(filter);
        faults.setAsyncSupported(true);
        context.addFilter(faults, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            jetty.stop();
            throw e;
        }
        return new JettyMcpHost(jetty, connector, mcp);
    }

    int port() {
        return connector.getLocalPort();
    }

    void addTool(SyncToolSpecification tool) {
        mcp.addTool(tool);
    }

    void notifyToolsChanged() {
        mcp.notifyToolsListChanged();
    }

    void stop() throws Exception {
        try {
            mcp.close();
        } finally {
            jetty.stop();
        }
    }

    private static McpTransportContext context(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            values.put(AUTHORIZATION, authorization);
        }
        return McpTransportContext.create(values);
    }
}
