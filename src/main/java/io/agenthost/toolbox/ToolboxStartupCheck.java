package io.agenthost.toolbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Startup check {@code toolboxes}: UP once every toolbox's first open has finished or the startup timeout passed. */
@Startup
@ApplicationScoped
public class ToolboxStartupCheck implements HealthCheck {

    private final ToolboxRegistry registry;

    @Inject
    public ToolboxStartupCheck(ToolboxRegistry registry) {
        this.registry = registry;
    }

    /** For CDI proxies only. */
    protected ToolboxStartupCheck() {
        this.registry = null;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("toolboxes").status(registry.startupFinished()).build();
    }
}
