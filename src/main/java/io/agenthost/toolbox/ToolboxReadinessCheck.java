package io.agenthost.toolbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code toolboxes}: DOWN while toolboxes are still opening at startup (Pending) and for a
 * configuration error no retry can fix (Unhealthy); UP otherwise, a degraded toolbox included, since the server
 * still serves and retries it. One data entry per toolbox with its status, and {@code status} for the set.
 */
@Readiness
@ApplicationScoped
public class ToolboxReadinessCheck implements HealthCheck {

    private static final Set<ToolboxStatus> DOWN = Set.of(ToolboxStatus.Pending, ToolboxStatus.Unhealthy);

    private final ToolboxRegistry registry;

    @Inject
    public ToolboxReadinessCheck(ToolboxRegistry registry) {
        this.registry = registry;
    }

    /** For CDI proxies only. */
    protected ToolboxReadinessCheck() {
        this.registry = null;
    }

    @Override
    public HealthCheckResponse call() {
        ToolboxStatus overall = registry.overall();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("toolboxes")
                .status(!DOWN.contains(overall))
                .withData("status", overall.name());
        registry.statuses().forEach((name, status) -> response.withData(name, status.name()));
        return response.build();
    }
}
