package io.agenthost.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.responses.MemoryResponses;
import io.agenthost.store.EventRecord;
import io.agenthost.store.ResponseRecord;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLeasesTest {

    private final MemoryResponses responses = MemoryResponses.keyedByAgent();
    private final LocalRuns runs = new LocalRuns();
    private final RunLeases leases = new RunLeases();
    private final MemoryEvents events = new MemoryEvents();

    RunLeasesTest() {
        leases.runs = runs;
        leases.responses = responses;
        leases.events = events;
        leases.lease = Duration.ofSeconds(60);
        leases.retention = Duration.ofHours(24);
    }

    @Test
    void aBackgroundResponseWhoseServerStoppedHeartbeatingFailsAsRestarted() {
        long stale = System.currentTimeMillis() - 61_000;
        insert("resp_dead", true, stale);
        insert("resp_foreground", false, stale);

        leases.tick();

        ResponseRecord dead = responses.find("resp_dead").orElseThrow();
        assertEquals("failed", dead.status());
        assertEquals("server_restarted", Json.createReader(new StringReader(dead.responseJson())).readObject()
                .getJsonObject("error").getString("code"));
        assertEquals("in_progress", responses.find("resp_foreground").orElseThrow().status(),
                "a foreground response cut short stays as it was");
    }

    @Test
    void theRunsOfThisServerHeartbeatAndNeverExpireHere() {
        insert("resp_local", true, System.currentTimeMillis() - 61_000);
        runs.register("resp_local");

        leases.tick();

        assertEquals(List.of("resp_local"), responses.beats());
        assertEquals("in_progress", responses.find("resp_local").orElseThrow().status());
    }

    @Test
    void aLocalRunEndedThroughAnotherServerIsCancelledHere() {
        insert("resp_elsewhere", true, System.currentTimeMillis());
        RunHandle handle = runs.register("resp_elsewhere");
        responses.finish("resp_elsewhere", "cancelled", "{\"status\":\"cancelled\"}");

        leases.tick();

        assertTrue(handle.requested());
    }

    @Test
    void eventsPastTheirRetentionAreDeleted() {
        long now = System.currentTimeMillis();
        events.appendAll(List.of(
                new EventRecord("resp_old", 0, 0, "response.created", "{}", now - Duration.ofHours(25).toMillis()),
                new EventRecord("resp_new", 0, 0, "response.created", "{}", now - Duration.ofHours(1).toMillis())));

        leases.tick();

        assertEquals(List.of("resp_new"), events.all().stream().map(EventRecord::responseId).toList());
    }

    private void insert(String id, boolean background, long heartbeat) {
        responses.insert(new ResponseRecord(id, "assistant", null, null, null, "in_progress", 0, 0,
                "{\"id\":\"" + id + "\",\"status\":\"in_progress\",\"error\":null}", "[]")
                .withEvents(background, heartbeat));
    }
}
