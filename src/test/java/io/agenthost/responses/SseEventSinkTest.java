package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agenthost.background.StreamEvent;
import io.agenthost.testing.TestClock;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseEventSinkTest {

    private final TestClock clock = new TestClock();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SseEventSink sink = new SseEventSink(out, clock);

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIdleStreamGetsACommentLineAndABusyOneNone() {
        sink.write(StreamEvent.of(0, "response.created", Json.createObjectBuilder()));
        clock.advance(Duration.ofSeconds(4));
        sink.keepAlive(Duration.ofSeconds(5));
        assertEquals(1, written().split("\n\n").length, "an event 4 s ago: not idle yet");

        clock.advance(Duration.ofSeconds(1));
        sink.keepAlive(Duration.ofSeconds(5));
        sink.keepAlive(Duration.ofSeconds(5));
        assertEquals(1, written().split(": keep-alive\n\n", -1).length - 1, "one comment per idle interval");

        sink.write(StreamEvent.of(1, "response.in_progress", Json.createObjectBuilder()));
        assertEquals("{\"type\":\"response.in_progress\",\"sequence_number\":1}",
                written().lines().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b).orElseThrow()
                        .substring("data: ".length()));
    }
}
