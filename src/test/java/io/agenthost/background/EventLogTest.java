package io.agenthost.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.responses.MemoryResponses;
import io.agenthost.store.ResponseRecord;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final MemoryEvents events = new MemoryEvents();
    private final MemoryResponses responses = MemoryResponses.keyedByAgent().storingEventsIn(events);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final EventLog log = new EventLog(events, new EventWriter(events, scheduler, Clock.systemUTC()),
            responses, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void replaysFromTheEventAfterTheOneNamedToTheTerminalOne() throws Exception {
        insert("resp_1", "completed", false, NOW.toEpochMilli());
        // The terminal event appended here is not stored: the replay makes it from the stored response.
        for (int i = 0; i < 4; i++) {
            log.append("resp_1", event(i, i == 3 ? "response.completed" : "response.output_text.delta"));
        }

        assertEquals(List.of(2, 3), numbers(follow("resp_1", 1)));
        assertEquals(List.of(0, 1, 2, 3), numbers(follow("resp_1", -1)));
    }

    /** Rows written before terminal events were left out hold one; a replay sends it as stored. */
    @Test
    void aReplayMayBeginInsideARowOfEventsWrittenTogether() throws Exception {
        insert("resp_rows", "completed", false, NOW.toEpochMilli());
        events.appendAll(List.of(
                StoredEvents.record("resp_rows", List.of(event(0, "response.created"),
                        event(1, "response.in_progress"), event(2, "response.output_text.delta")), 0),
                StoredEvents.record("resp_rows", List.of(event(3, "response.completed")), 0)));

        assertEquals(List.of(2, 3), numbers(follow("resp_rows", 1)));
        assertEquals(List.of(0, 1, 2, 3), numbers(follow("resp_rows", -1)));
        assertEquals("response.output_text.delta", follow("resp_rows", 1).get(0).type());
    }

    @Test
    void followsARunLiveUntilItsTerminalEvent() throws Exception {
        insert("resp_live", "in_progress", true, NOW.toEpochMilli());
        log.append("resp_live", event(0, "response.created"));
        CompletableFuture<List<StreamEvent>> followed = CompletableFuture.supplyAsync(() -> {
            try {
                return follow("resp_live", -1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        log.append("resp_live", event(1, "response.in_progress"));
        responses.finish("resp_live", "completed", "{\"id\":\"resp_live\",\"status\":\"completed\"}");
        long sent = System.nanoTime();
        log.append("resp_live", terminal(2, "resp_live"));

        List<StreamEvent> all = followed.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2), numbers(all));
        assertEquals(terminal(2, "resp_live").data(), all.get(2).data());
        assertTrue(System.nanoTime() - sent < EventLog.POLL.toNanos() / 2, "woken by the terminal event, not the poll");
    }

    @Test
    void theTerminalEventIsNotStoredAReplayMakesItFromTheStoredResponse() throws Exception {
        insert("resp_ended", "in_progress", false, NOW.toEpochMilli());
        log.append("resp_ended", event(0, "response.created"));
        assertTrue(log.finish("resp_ended", last -> responses.finish("resp_ended", "completed",
                "{\"id\":\"resp_ended\",\"status\":\"completed\"}", last)));
        log.append("resp_ended", terminal(1, "resp_ended"));
        log.settle("resp_ended");

        assertEquals(List.of(0), events.all().stream().flatMap(row -> StoredEvents.events(row).stream())
                .map(StreamEvent::sequence).toList(), "the response is stored once");
        List<StreamEvent> replayed = follow("resp_ended", -1);
        assertEquals(terminal(1, "resp_ended").data(), replayed.get(1).data(), "the event as it was sent");
    }

    @Test
    void aResponseEndedWithoutItsTerminalEventGetsOneFromTheStoredResponse() throws Exception {
        insert("resp_cancelled", "in_progress", true, NOW.toEpochMilli());
        log.append("resp_cancelled", event(0, "response.created"));
        responses.finish("resp_cancelled", "cancelled", "{\"id\":\"resp_cancelled\",\"status\":\"cancelled\"}");

        List<StreamEvent> followed = follow("resp_cancelled", -1);

        assertEquals(List.of(0, 1), numbers(followed));
        assertEquals("response.failed", followed.get(1).type());
        assertEquals("{\"type\":\"response.failed\",\"sequence_number\":1,\"response\":{\"id\":\"resp_cancelled\","
                + "\"status\":\"cancelled\"}}", followed.get(1).data());
    }

    @Test
    void aForegroundRunWhoseHeartbeatStoppedEndsTheReplayWithAnError() throws Exception {
        insert("resp_cut", "in_progress", false, NOW.minusSeconds(61).toEpochMilli());
        log.append("resp_cut", event(0, "response.created"));

        List<StreamEvent> followed = follow("resp_cut", -1);

        assertEquals("error", followed.get(1).type());
        assertEquals("server_restarted", Json.createReader(new java.io.StringReader(followed.get(1).data()))
                .readObject().getString("code"));
    }

    @Test
    void aClientThatLeftEndsTheFollowing() throws Exception {
        insert("resp_2", "in_progress", true, NOW.toEpochMilli());
        log.append("resp_2", event(0, "response.created"));
        log.append("resp_2", event(1, "response.in_progress"));
        List<StreamEvent> taken = new ArrayList<>();

        log.follow("resp_2", -1, event -> taken.add(event) && false);

        assertEquals(List.of(0), numbers(taken));
    }

    @Test
    void aFollowerOnThisServerGetsTheEventsNotYetStored() throws Exception {
        HeldScheduler held = new HeldScheduler();
        EventLog unstored = new EventLog(events, new EventWriter(events, held.executor(), Clock.systemUTC()),
                responses, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));
        insert("resp_3", "in_progress", true, NOW.toEpochMilli());
        events.appendAll(List.of(StoredEvents.record("resp_3", List.of(event(0, "response.created")),
                NOW.toEpochMilli())));
        unstored.append("resp_3", event(1, "response.in_progress"));
        unstored.append("resp_3", event(2, "response.output_text.delta"));
        List<StreamEvent> taken = new ArrayList<>();

        unstored.follow("resp_3", -1, event -> taken.add(event) && taken.size() < 3);

        assertEquals(List.of(0, 1, 2), numbers(taken));
        assertEquals(1, events.all().size(), "the events after the first wait for their writer");
        held.close();
    }

    @Test
    void theLastEventsAreStoredWithTheEndAndPendingUntilItIsRecorded() throws Exception {
        HeldScheduler held = new HeldScheduler();
        EventWriter writer = new EventWriter(events, held.executor(), Clock.systemUTC());
        EventLog unstored = new EventLog(events, writer, responses, Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC));
        insert("resp_end", "in_progress", false, NOW.toEpochMilli());
        unstored.append("resp_end", event(0, "response.created"));
        unstored.append("resp_end", event(1, "response.in_progress"));
        List<Integer> pendingWhileEnding = new ArrayList<>();

        boolean recorded = unstored.finish("resp_end", last -> {
            pendingWhileEnding.addAll(numbers(writer.pendingFrom("resp_end", 0)));
            return responses.finish("resp_end", "completed", "{\"id\":\"resp_end\",\"status\":\"completed\"}",
                    last);
        });

        assertTrue(recorded);
        assertEquals(List.of(0, 1), pendingWhileEnding, "a follower here reads them until the end is recorded");
        assertEquals(List.of(), writer.pendingFrom("resp_end", 0));
        assertEquals(1, events.all().size(), "one row, written with the end");
        List<StreamEvent> followed = follow("resp_end", -1);
        assertEquals(List.of(0, 1, 2), numbers(followed));
        assertEquals("response.completed", followed.get(2).type());
        held.close();
    }

    @Test
    void anEndThatCannotBeRecordedLetsGoOfItsEvents() {
        HeldScheduler held = new HeldScheduler();
        EventWriter writer = new EventWriter(events, held.executor(), Clock.systemUTC());
        EventLog unstored = new EventLog(events, writer, responses, Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC));
        unstored.append("resp_lost", event(0, "response.created"));

        assertThrows(IllegalStateException.class, () -> unstored.finish("resp_lost", last -> {
            throw new IllegalStateException("the database does not answer");
        }));

        assertEquals(List.of(), writer.pendingFrom("resp_lost", 0));
        assertEquals(List.of(), events.all());
        held.close();
    }

    private void insert(String id, String status, boolean background, long heartbeat) {
        responses.insert(new ResponseRecord(id, "assistant", null, null, null, status, 0, 0,
                "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}", "[]").withEvents(background, heartbeat));
    }

    private List<StreamEvent> follow(String id, int after) throws InterruptedException {
        List<StreamEvent> followed = new ArrayList<>();
        log.follow(id, after, followed::add);
        return followed;
    }

    /** The terminal event of a response that completed, as the stream sends it. */
    private static StreamEvent terminal(int sequence, String id) {
        return StreamEvent.of(sequence, "response.completed", Json.createObjectBuilder().add("response",
                Json.createObjectBuilder().add("id", id).add("status", "completed")));
    }

    private static StreamEvent event(int sequence, String type) {
        return StreamEvent.of(sequence, type, Json.createObjectBuilder());
    }

    private static List<Integer> numbers(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::sequence).toList();
    }
}
