package io.agenthost.toolbox;

import io.agenthost.mcp.EgressProxyTrust;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.mcp.RevocationPolicy;
import io.agenthost.mcp.ServerTrust;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RetryPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the host's MCP client presents itself and how long and how often it tries. The HTTP clients of all MCP
 * sessions share one pool of threads, so that a session costs no pool of its own. Not the server's executor: runs
 * block its threads while they wait for MCP answers, and the HTTP clients need threads to deliver those answers. The
 * HTTP work needs none of a run's context (the run scope travels with each request).
 */
@ContextServiceDefinition(name = McpSettingsProducer.HTTP_CONTEXT,
        propagated = {},
        cleared = ContextServiceDefinition.TRANSACTION,
        unchanged = ContextServiceDefinition.ALL_REMAINING)
@ManagedThreadFactoryDefinition(name = McpSettingsProducer.HTTP_THREADS, context = McpSettingsProducer.HTTP_CONTEXT)
@ApplicationScoped
public class McpSettingsProducer {

    static final String HTTP_CONTEXT = "java:app/concurrent/McpHttpContext";
    static final String HTTP_THREADS = "java:app/concurrent/McpHttpThreads";

    @Resource(lookup = HTTP_THREADS)
    ManagedThreadFactory httpThreads;

    private ExecutorService httpExecutor;

    @PostConstruct
    void start() {
        // Grows with the answers in flight, and lets idle threads go after a minute, as each client's own pool would.
        httpExecutor = Executors.newCachedThreadPool(httpThreads);
    }

    @PreDestroy
    void stop() {
        httpExecutor.shutdownNow();
    }

    @Produces
    McpClientSettings settings(
            @ConfigProperty(name = "FOUNDRY_AGENT_NAME", defaultValue = "hosted-agent") String name,
            @ConfigProperty(name = "FOUNDRY_AGENT_VERSION", defaultValue = "1.0.0") String version,
            @ConfigProperty(name = "agent.mcp.connect-timeout", defaultValue = "PT10S") Duration connectTimeout,
            @ConfigProperty(name = "agent.mcp.request-timeout", defaultValue = "PT60S") Duration requestTimeout,
            @ConfigProperty(name = "agent.mcp.retry.max-retries", defaultValue = "3") int maxRetries,
            @ConfigProperty(name = "agent.mcp.retry.base-delay", defaultValue = "PT0.5S") Duration baseDelay,
            @ConfigProperty(name = "agent.mcp.retry.max-delay", defaultValue = "PT30S") Duration maxDelay,
            @ConfigProperty(name = "agent.egress.proxy-ca", defaultValue = EgressProxyTrust.DEFAULT_CA) String proxyCa,
            @ConfigProperty(name = "agent.mcp.revocation", defaultValue = "prefer") String revocation,
            AgentTelemetry telemetry) {
        return new McpClientSettings(name, version, connectTimeout, requestTimeout,
                new RetryPolicy(maxRetries, baseDelay, maxDelay), httpExecutor,
                ServerTrust.of(Path.of(proxyCa), RevocationPolicy.parse(revocation)), telemetry);
    }
}
