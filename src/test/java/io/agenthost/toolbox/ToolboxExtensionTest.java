package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The portable extension and the producer in a real CDI container (Weld SE). */
class ToolboxExtensionTest {

    @Dependent
    static class Calendar {
        @Inject
        @Toolbox("calendar")
        McpToolbox field;

        final McpToolbox parameter;

        @Inject
        Calendar(@Toolbox("calendar") McpToolbox parameter) {
            this.parameter = parameter;
        }
    }

    @Dependent
    static class Mail {
        @Inject
        @Toolbox(value = "mail", version = "2")
        McpToolbox mail;
    }

    /** The registry as the application builds it, minus MicroProfile Config: no URLs are configured. */
    @ApplicationScoped
    static class Registries {
        @Produces
        @ApplicationScoped
        ToolboxRegistry registry(ToolboxExtension extension) {
            return new ToolboxRegistry(extension.declared(), new ToolboxLocator(key -> Optional.empty()),
                    (ref, location) -> RequestHeaders.NONE, new McpClientSettings("t", "1", Duration.ofSeconds(1), Duration.ofSeconds(1),
                            RetryPolicy.NONE), Duration.ofSeconds(1), Clock.systemUTC());
        }
    }

    @Test
    void everyInjectedToolboxIsDeclaredOnceAndInjectedFromTheRegistry() {
        Weld weld = new Weld().disableDiscovery()
                .addExtension(new ToolboxExtension())
                .addBeanClasses(ToolboxProducer.class, Registries.class, Calendar.class, Mail.class);
        try (WeldContainer container = weld.initialize()) {
            ToolboxExtension extension = container.select(ToolboxExtension.class).get();
            assertEquals(Set.of(new ToolboxRef("calendar", null), new ToolboxRef("mail", "2")), extension.declared());

            Calendar calendar = container.select(Calendar.class).get();
            ToolboxRegistry registry = container.select(ToolboxRegistry.class).get();
            assertSame(registry.find("calendar").orElseThrow(), calendar.field);
            assertSame(calendar.field, calendar.parameter);
            assertEquals("calendar", calendar.field.name());
            assertEquals(ToolboxStatus.NoEndpoint, calendar.field.status());
            assertEquals("mail", container.select(Mail.class).get().mail.name());
        }
    }
}
