package io.agenthost.toolbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

/** Resolves {@code @Inject @Toolbox("name") McpToolbox} to the registry's toolbox of that name. */
@ApplicationScoped
public class ToolboxProducer {

    private final ToolboxRegistry registry;

    @Inject
    public ToolboxProducer(ToolboxRegistry registry) {
        this.registry = registry;
    }

    /** For CDI proxies only. */
    protected ToolboxProducer() {
        this.registry = null;
    }

    @Produces
    @Toolbox("")
    McpToolbox toolbox(InjectionPoint injectionPoint) {
        Toolbox qualifier = injectionPoint.getQualifiers().stream()
                .filter(Toolbox.class::isInstance).map(Toolbox.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("@Toolbox is missing at " + injectionPoint));
        return registry.find(qualifier.value()).orElseThrow(() -> new IllegalStateException(
                "Toolbox " + qualifier.value() + " is not registered"));
    }
}
