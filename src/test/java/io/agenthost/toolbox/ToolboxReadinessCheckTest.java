package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agenthost.mcp.RequestHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.agenthost.testing.health.PlainHealthResponses;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolboxReadinessCheckTest {

    /** DESIGN §6: readiness is DOWN only while the set is still opening or cannot be fixed by any retry. */
    private static final Map<ToolboxStatus, HealthCheckResponse.Status> EXPECTED = new EnumMap<>(Map.of(
            ToolboxStatus.Pending, HealthCheckResponse.Status.DOWN,
            ToolboxStatus.Healthy, HealthCheckResponse.Status.UP,
            ToolboxStatus.NoEndpoint, HealthCheckResponse.Status.UP,
            ToolboxStatus.Degraded, HealthCheckResponse.Status.UP,
            ToolboxStatus.ConsentRequired, HealthCheckResponse.Status.UP,
            ToolboxStatus.Unhealthy, HealthCheckResponse.Status.DOWN));

    private static ToolboxRegistry standing(ToolboxStatus status) {
        return new ToolboxRegistry(List.of(), new ToolboxLocator(key -> Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, null, Duration.ZERO, Clock.systemUTC()) {
            @Override
            public ToolboxStatus overall() {
                return status;
            }

            @Override
            public Map<String, ToolboxStatus> statuses() {
                return Map.of("calendar", status);
            }
        };
    }

    @BeforeAll
    static void outsideAServer() {
        PlainHealthResponses.install();
    }

    @ParameterizedTest
    @EnumSource(ToolboxStatus.class)
    void eachStatusMapsToItsReadiness(ToolboxStatus status) {
        HealthCheckResponse response = new ToolboxReadinessCheck(standing(status)).call();

        assertEquals(EXPECTED.get(status), response.getStatus(), status.name());
        assertEquals(status.name(), response.getData().orElseThrow().get("status"));
        assertEquals(status.name(), response.getData().orElseThrow().get("calendar"));
    }
}
