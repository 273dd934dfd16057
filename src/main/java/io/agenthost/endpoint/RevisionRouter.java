package io.agenthost.endpoint;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Both revisions of MCP at one URL: a request that {@link JsonRpcGuard} found to be of 2026-07-28 goes to the SDK's
 * stateless server, any other to its server of sessions.
 *
 * <p>Without the GET stream for server-initiated messages: this server never speaks first (its tools are fixed and
 * it asks clients nothing), so such a stream would carry nothing, yet each one is a request that never ends: the
 * agents' own toolbox keeps one open, and it would hold the server's shutdown for its whole quiesce period. MCP lets a
 * server answer that GET with 405, which clients take as "no such stream"; any other method but POST and DELETE is a
 * 405 too.
 */
final class RevisionRouter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpServlet sessions;
    private final transient HttpServlet stateless;

    RevisionRouter(HttpServlet sessions, HttpServlet stateless) {
        this.sessions = sessions;
        this.stateless = stateless;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        sessions.init(config);
        stateless.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())) {
            (JsonRpcGuard.isStateless(request) ? stateless : sessions).service(request, response);
        } else if ("DELETE".equals(request.getMethod())) {
            sessions.service(request, response);
        } else {
            response.setHeader("Allow", "POST, DELETE");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    public void destroy() {
        try {
            sessions.destroy();
        } finally {
            stateless.destroy();
        }
        super.destroy();
    }
}
