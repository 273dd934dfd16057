package io.agenthost.toolbox;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the host's MCP client presents itself and how long and how often it tries. */
@ApplicationScoped
public class McpSettingsProducer {

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
                new RetryPolicy(maxRetries, baseDelay, maxDelay));
    }
}
