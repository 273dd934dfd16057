package io.agenthost.endpoint;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The MCP endpoint, made when its first request comes: the SDK's servers of both revisions load some 1,200 classes
 * (their JSON mapper, schema validator and reactive streams), which a server whose clients use the Responses API only
 * would hold for nothing, and load at every start, on the way to being ready.
 */
final class OnFirstRequestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<AgentMcpServer> factory;
    private transient volatile AgentMcpServer server;

    OnFirstRequestServlet(Supplier<AgentMcpServer> factory) {
        this.factory = factory;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        server().servlet().service(request, response);
    }

    private AgentMcpServer server() throws ServletException {
        AgentMcpServer made = server;
        if (made == null) {
            synchronized (this) {
                made = server;
                if (made == null) {
                    made = factory.get();
                    made.servlet().init(getServletConfig());
                    server = made;
                }
            }
        }
        return made;
    }

    @Override
    public void destroy() {
        AgentMcpServer made = server;
        if (made != null) {
            try {
                made.servlet().destroy();
            } finally {
                made.close();
            }
        }
        super.destroy();
    }
}
