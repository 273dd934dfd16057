package io.agenthost.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.testing.health.PlainHealthResponses;
import io.agenthost.toolbox.ToolboxLocator;
import io.agenthost.toolbox.ToolboxReadinessCheck;
import io.agenthost.toolbox.ToolboxRef;
import io.agenthost.toolbox.ToolboxRegistry;
import io.agenthost.toolbox.ToolboxStatus;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlatformProbesTest {

    private static final McpClientSettings SETTINGS =
            new McpClientSettings("t", "1", Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.NONE);

    @BeforeAll
    static void outsideAServer() {
        PlainHealthResponses.install();
    }

    @Test
    void readinessIsDownWhileAToolboxIsPendingAndUpOnceItIsDegraded() {
        // Nothing listens on port 1: the open fails at once, and the toolbox is Degraded.
        ToolboxRegistry registry = new ToolboxRegistry(List.of(new ToolboxRef("calendar", null)),
                new ToolboxLocator(key -> key.equals("toolbox.calendar.url") ? Optional.of("http://127.0.0.1:1/mcp")
                        : Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ofSeconds(30), Clock.systemUTC());
        ToolboxReadinessCheck readiness = new ToolboxReadinessCheck(registry);

        JsonObject pending = PlatformProbes.verdict(List.of(readiness));
        assertEquals(ToolboxStatus.Pending, registry.overall());
        assertEquals("DOWN", pending.getString("status"));
        assertEquals("DOWN", pending.getJsonObject("checks").getString("toolboxes"));

        registry.openAll(Runnable::run);
        assertEquals(ToolboxStatus.Degraded, registry.overall());
        JsonObject degraded = PlatformProbes.verdict(List.of(readiness));
        assertEquals("UP", degraded.getString("status"));
        assertEquals("UP", degraded.getJsonObject("checks").getString("toolboxes"));
    }
}
