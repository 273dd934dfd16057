package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agenthost.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MarkerToolboxesTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger created = new AtomicInteger();

    private HostToolbox toolbox(String name) {
        created.incrementAndGet();
        return new HostToolbox(new ToolboxRef(name, null), ToolboxLocation.none(), null, null);
    }

    @Test
    void aToolboxIsKeptForLaterRequests() {
        MarkerToolboxes markers = new MarkerToolboxes(4, Duration.ofMinutes(15), clock);

        HostToolbox first = markers.get("a@", () -> toolbox("a"));

        assertSame(first, markers.get("a@", () -> toolbox("a")));
        assertEquals(1, created.get());
    }

    @Test
    void theLeastRecentlyUsedMakesRoomAndIsClosed() {
        MarkerToolboxes markers = new MarkerToolboxes(2, Duration.ofMinutes(15), clock);
        HostToolbox a = markers.get("a@", () -> toolbox("a"));
        HostToolbox b = markers.get("b@", () -> toolbox("b"));
        clock.advance(Duration.ofSeconds(1));
        markers.get("a@", () -> toolbox("a"));

        markers.get("c@", () -> toolbox("c"));

        assertEquals(2, markers.size());
        assertEquals("closed", b.reason());
        assertSame(a, markers.get("a@", () -> toolbox("a")));
        assertNotSame(b, markers.get("b@", () -> toolbox("b")));
    }

    @Test
    void anIdleToolboxIsClosed() {
        MarkerToolboxes markers = new MarkerToolboxes(8, Duration.ofMinutes(15), clock);
        HostToolbox idle = markers.get("a@", () -> toolbox("a"));
        clock.advance(Duration.ofMinutes(10));
        markers.get("b@", () -> toolbox("b"));
        clock.advance(Duration.ofMinutes(6));

        markers.get("b@", () -> toolbox("b"));

        assertEquals(1, markers.size());
        assertEquals("closed", idle.reason());
    }
}
