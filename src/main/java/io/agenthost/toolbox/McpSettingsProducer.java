package io.agenthost.toolbox;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RetryPolicy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the host's MCP client presents itself and how long and how often it tries. The HTTP clients of all MCP
 * sessions share the server's threads through one managed executor: a session costs no thread pool of its own, and
 * the HTTP work of a run needs none of the run's context (the run scope travels with each request).
 */
@ContextServiceDefinition(name = McpSettingsProducer.HTTP_CONTEXT,
        propagated = {},
        cleared = ContextServiceDefinition.TRANSACTION,
        unchanged = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(name = McpSettingsProducer.HTTP_EXECUTOR, context = McpSettingsProducer.HTTP_CONTEXT)
@ApplicationScoped
public class McpSettingsProducer {

    static final String HTTP_CONTEXT = "java:app/concurrent/McpHttpContext";
    static final String HTTP_EXECUTOR = "java:app/concurrent/McpHttpExecutor";

    @Resource(lookup = HTTP_EXECUTOR)
    ManagedExecutorService httpExecutor;

    @Produces
    McpClientSettings settings(
            @ConfigProperty(name = "FOUNDRY_AGENT_NAME", defaultValue = "hosted-agent") String name,
            @ConfigProperty(name = "FOUNDRY_AGENT_VERSION", defaultValue = "1.0.0") String version,
            @ConfigProperty(name = "agent.mcp.connect-timeout", defaultValue = "PT10S") Duration connectTimeout,
            @ConfigProperty(name = "agent.mcp.request-timeout", defaultValue = "PT60S") Duration requestTimeout,
            @ConfigProperty(name = "agent.mcp.retry.max-retries", defaultValue = "3") int maxRetries,
            @ConfigProperty(name = "agent.mcp.retry.base-delay", defaultValue = "PT0.5S") Duration baseDelay,
            @ConfigProperty(name = "agent.mcp.retry.max-delay", defaultValue = "PT30S") Duration maxDelay) {
        return new McpClientSettings(name, version, connectTimeout, requestTimeout,
                new RetryPolicy(maxRetries, baseDelay, maxDelay), httpExecutor);
    }
}
