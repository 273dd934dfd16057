package io.agenthost.toolbox;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Collects the toolboxes that the application's beans inject with {@link Toolbox}. A container may report the
 * same injection point more than once; a set keeps each toolbox once.
 */
public class ToolboxExtension implements Extension {

    private final Set<ToolboxRef> declared = Collections.synchronizedSet(new LinkedHashSet<>());

    void collect(@Observes ProcessInjectionPoint<?, McpToolbox> event) {
        for (Annotation qualifier : event.getInjectionPoint().getQualifiers()) {
            if (qualifier instanceof Toolbox toolbox) {
                declared.add(new ToolboxRef(toolbox.value(), toolbox.version()));
            }
        }
    }

    public Set<ToolboxRef> declared() {
        synchronized (declared) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(declared));
        }
    }
}
