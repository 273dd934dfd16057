package io.agenthost.endpoint;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The SDK's streamable HTTP servlet without the GET stream for server-initiated messages. This server never speaks
 * first (its tools are fixed and it asks clients nothing), so such a stream would carry nothing, yet each one is a
 * request that never ends: the agents' own toolbox keeps one open, and it would hold the server's shutdown for its
 * whole quiesce period. MCP lets a server answer that GET with 405, which clients take as "no such stream"; any other
 * method but POST and DELETE is a 405 too.
 */
final class NoListeningStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpServlet transport;

    NoListeningStreamServlet(HttpServlet transport) {
        this.transport = transport;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) && !"DELETE".equals(request.getMethod())) {
            response.setHeader("Allow", "POST, DELETE");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        transport.service(request, response);
    }

    @Override
    public void destroy() {
        transport.destroy();
        super.destroy();
    }
}
