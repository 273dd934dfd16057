package io.agenthost.endpoint;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.responses.ResponseService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the hosted agents as MCP tools at {@code /mcp}. The servlet is registered here rather than by its own
 * {@code @WebServlet}, because web.xml's empty {@code <absolute-ordering/>} keeps the container from scanning the
 * SDK's jar; the exact mapping {@code /mcp} takes precedence over the REST application's {@code /*}.
 */
@WebListener
public class McpEndpointListener implements ServletContextListener {

    static final String SERVLET_NAME = "mcp";

    @Inject
    AgentCatalog agents;

    @Inject
    ResponseService responses;

    @Inject
    @ConfigProperty(name = "agent.max-request-bytes", defaultValue = "1048576")
    int maxRequestBytes;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletRegistration.Dynamic servlet = event.getServletContext().addServlet(SERVLET_NAME,
                new OnFirstRequestServlet(() -> AgentMcpServer.create(agents.all(), responses::respond)));
        if (servlet == null) {
            throw new IllegalStateException("A servlet named '" + SERVLET_NAME + "' is already registered");
        }
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        Set<String> taken = servlet.addMapping(AgentMcpServer.PATH);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Another servlet is mapped at " + taken + ": the MCP endpoint needs it");
        }
        FilterRegistration.Dynamic guard = event.getServletContext().addFilter("mcp-json-rpc",
                new JsonRpcGuard(maxRequestBytes));
        guard.setAsyncSupported(true);
        guard.addMappingForServletNames(null, false, SERVLET_NAME);
    }
}
