package io.agenthost.testing.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.KeyStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One listening life of a test MCP server: an embedded Jetty carrying the MCP SDK's streamable HTTP servlet, of
 * 2025-11-25 or of 2026-07-28, behind the fault filter. Each start builds a fresh one, so sessions do not survive a
 * close, as with a real server that went down.
 */
final class JettyMcpHost {

    /** Key of the transport context entry holding the Authorization header of the request that carried a message. */
    static final String AUTHORIZATION = "authorization";

    /** Key of the transport context entry that tells whether the client has closed the request's connection. */
    static final String CLIENT_GONE = "client-gone";

    /** Key of the transport context entry to call when a tool gives up on a request whose client has gone. */
    static final String ABANDONED = "abandoned";

    private final Server jetty;
    private final ServerConnector connector;
    private final McpSide mcp;

    /** The SDK's server of one revision, as the host carries it. */
    interface McpSide {

        HttpServlet servlet();

        void addTool(TestTool tool);

        void notifyToolsChanged();

        void close();
    }

    private JettyMcpHost(Server jetty, ServerConnector connector, McpSide mcp) {
        this.jetty = jetty;
        this.connector = connector;
        this.mcp = mcp;
    }

    /**
     * @param abandoned told of each tool call that its client abandoned, by the tool's name
     * @param tls       the key store of the server's certificate (password {@code changeit}), or null for plain HTTP
     * @param stateless   whether it speaks 2026-07-28 only, else 2025-11-25 only
     * @param tools       the tools; a stateless server reads this list at each request
     */
    static JettyMcpHost start(String name, String host, int port, String path, List<TestTool> tools,
            FaultFilter filter, Consumer<String> abandoned, KeyStore tls, boolean stateless) throws Exception {
        McpTransportContextExtractor<HttpServletRequest> extractor = request -> context(request, abandoned);
        McpSide mcp = stateless ? new StatelessServer(name, path, tools, extractor)
                : new SessionServer(name, path, List.copyOf(tools), extractor);

        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("mcp-" + name);
        // Servers a test forgot to close must not keep its JVM alive.
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(jetty);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(tls);
            ssl.setKeyStorePassword("changeit");
            connector = new ServerConnector(jetty, ssl);
        }
        connector.setHost(host);
        connector.setPort(port);
        // A server closed and reopened on the same fixed port must not trip over the closed one's lingering sockets.
        connector.setReuseAddress(true);
        // A thousand runs opening their sessions at once would overflow the JVM's default backlog of 50 and meet
        // refused connections, which is not what the tests of those runs are about.
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(mcp.servlet());
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

    void addTool(TestTool tool) {
        mcp.addTool(tool);
    }

    void notifyToolsChanged() {
        mcp.notifyToolsChanged();
    }

    void stop() throws Exception {
        try {
            mcp.close();
        } finally {
            jetty.stop();
        }
    }

    private static McpTransportContext context(HttpServletRequest request, Consumer<String> abandoned) {
        Map<String, Object> values = new HashMap<>();
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            values.put(AUTHORIZATION, authorization);
        }
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(request).getConnectionMetaData()
                .getConnection().getEndPoint();
        values.put(CLIENT_GONE, (BooleanSupplier) () -> clientGone(endPoint));
        values.put(ABANDONED, abandoned);
        return McpTransportContext.create(values);
    }

    /**
     * Whether the client closed the connection: its request was read whole and a client sends nothing more while it
     * waits for the answer, so a read that finds the end of the stream means it has gone.
     */
    private static boolean clientGone(EndPoint endPoint) {
        try {
            return !endPoint.isOpen() || endPoint.isInputShutdown() || endPoint.fill(BufferUtil.allocate(1)) < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
