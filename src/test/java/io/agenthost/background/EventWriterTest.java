package io.agenthost.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agenthost.store.EventRecord;
import io.agenthost.store.EventRepository;
import io.agenthost.testing.TestClock;
import jakarta.persistence.PersistenceException;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventWriterTest {

    private final GatedEvents store = new GatedEvents();
    private final HeldScheduler scheduler = new HeldScheduler();
    private final EventWriter writer = new EventWriter(store, scheduler.executor(), Clock.systemUTC());

    @AfterEach
    void stop() {
        store.open.countDown();
        scheduler.close();
    }

    @Test
    void theEventsOfEveryResponseThatCameMeanwhileGoInOneTransactionOneRowAResponse() throws Exception {
        store.open.countDown();
        for (int i = 0; i < 25; i++) {
            writer.append("resp_a", event(i));
            writer.append("resp_b", event(i));
        }
        assertEquals(List.of(), stored("resp_a"), "written behind, not at once");

        scheduler.letGo();
        awaitStored("resp_a");
        awaitStored("resp_b");

        assertEquals(List.of(List.of("resp_a/0-24", "resp_b/0-24")), batches());
        assertEquals(range(0, 25), stored("resp_a"));
        assertEquals(range(0, 25), stored("resp_b"));
    }

    @Test
    void aResponseWhoseEventsCameInTheLastHalfOfTheLingerWaitsForTheNextWrite() throws Exception {
        store.open.countDown();
        TestClock clock = new TestClock();
        EventWriter writer = writerOn(clock);
        writer.append("resp_a", event(0));
        clock.advance(Duration.ofMillis(40));
        writer.append("resp_b", event(0));
        clock.advance(Duration.ofMillis(10));

        scheduler.letGo();
        awaitStored(writer, "resp_a");
        assertEquals(List.of(0), sequences(writer.pendingFrom("resp_b", 0)),
                "10 ms old: its run may end first and store it with its end, in one transaction");

        clock.advance(Duration.ofMillis(40));
        awaitStored(writer, "resp_b");
        assertEquals(List.of(List.of("resp_a/0-0"), List.of("resp_b/0-0")), batches());
    }

    @Test
    void eventsThatCameBeforeTheClockWasSetBackAreNotHeldBackByIt() throws Exception {
        store.open.countDown();
        TestClock clock = new TestClock();
        EventWriter writer = writerOn(clock);
        writer.append("resp_a", event(0));
        clock.advance(Duration.ofHours(-1));

        scheduler.letGo();
        awaitStored(writer, "resp_a");

        assertEquals(List.of(0), stored("resp_a"));
    }

    @Test
    void onAServerThatStopsEachEventIsWrittenAtOnceByItsStream() throws Exception {
        store.open.countDown();
        scheduler.close();

        writer.append("resp_a", event(0));
        writer.append("resp_a", event(1));

        assertEquals(List.of(0, 1), stored("resp_a"));
    }

    @Test
    void aRunThatEndsStoresWhatIsLeftOfItsEventsAtOnceItself() throws Exception {
        store.open.countDown();
        for (int i = 0; i < 3; i++) {
            writer.append("resp_a", event(i));
        }
        writer.append("resp_b", event(0));

        writer.store("resp_a");

        assertEquals(List.of(0, 1, 2), stored("resp_a"));
        assertEquals(List.of(), stored("resp_b"), "another response's events wait for their writer");
        assertEquals(List.of(0), sequences(writer.pendingFrom("resp_b", 0)));
    }

    @Test
    void anEventIsPendingHereUntilItsTransactionHasCommitted() throws Exception {
        for (int i = 0; i < 3; i++) {
            writer.append("resp_a", event(i));
        }
        CompletableFuture<Void> storing = CompletableFuture.runAsync(() -> writer.store("resp_a"));
        store.entered.await(5, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2), sequences(writer.pendingFrom("resp_a", 1)));
        assertEquals(List.of(), stored("resp_a"));
        store.open.countDown();
        storing.get(5, TimeUnit.SECONDS);

        assertEquals(List.of(), writer.pendingFrom("resp_a", 0));
        assertEquals(List.of(0, 1, 2), stored("resp_a"));
    }

    @Test
    void whatIsPendingIsGivenFromTheSequenceAskedWithoutAGap() throws Exception {
        store.open.countDown();
        writer.append("resp_a", event(4));
        writer.store("resp_a");
        writer.append("resp_a", event(5));
        writer.append("resp_a", event(6));

        assertEquals(List.of(5, 6), sequences(writer.pendingFrom("resp_a", 5)));
        assertEquals(List.of(), writer.pendingFrom("resp_a", 3), "event 4 is not here: it is stored");
        assertEquals(List.of(), writer.pendingFrom("resp_b", 0));
    }

    @Test
    void eventsTheStoreRefusesAreLostForReplayNotKeptForever() throws Exception {
        store.refuse = true;
        store.open.countDown();
        writer.append("resp_a", event(0));

        writer.store("resp_a");

        assertEquals(List.of(), writer.pendingFrom("resp_a", 0));
        assertEquals(List.of(), stored("resp_a"));
    }

    @Test
    void aStreamWaitsForTheStoreOnlyWhenTooManyEventsArePending() throws Exception {
        store.open.countDown();
        for (int i = 0; i < EventWriter.MAX_PENDING; i++) {
            writer.append("resp_a", event(i));
        }
        CompletableFuture<Void> beyond = CompletableFuture.runAsync(() -> {
            try {
                writer.append("resp_a", event(EventWriter.MAX_PENDING));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(beyond.isDone(), "the event past the bound waits");

        scheduler.letGo();
        beyond.get(5, TimeUnit.SECONDS);
        writer.store("resp_a");
        assertEquals(range(0, EventWriter.MAX_PENDING + 1), stored("resp_a"));
    }

    private EventWriter writerOn(Clock clock) {
        return new EventWriter(store, scheduler.executor(), clock);
    }

    /** The rows of each transaction, as response/first-last. */
    private List<List<String>> batches() {
        return store.batches.stream().map(rows -> rows.stream()
                .map(row -> row.responseId() + "/" + row.sequence() + "-" + row.lastSequence()).toList()).toList();
    }

    private void awaitStored(String responseId) throws InterruptedException {
        awaitStored(writer, responseId);
    }

    private static void awaitStored(EventWriter writer, String responseId) throws InterruptedException {
        for (int i = 0; i < 500 && !writer.pendingFrom(responseId, 0).isEmpty(); i++) {
            Thread.sleep(10);
        }
    }

    private static StreamEvent event(int sequence) {
        return StreamEvent.of(sequence, "response.output_text.delta", Json.createObjectBuilder().add("delta", "a\nb"));
    }

    private List<Integer> stored(String responseId) {
        return sequences(store.after(responseId, -1, Integer.MAX_VALUE).stream()
                .flatMap(row -> StoredEvents.events(row).stream()).toList());
    }

    private static List<Integer> sequences(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::sequence).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** A store whose first write waits until the test opens it. */
    private static final class GatedEvents implements EventRepository {

        private final MemoryEvents stored = new MemoryEvents();

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        final List<List<EventRecord>> batches = new ArrayList<>();
        volatile boolean refuse;

        @Override
        public void appendAll(List<EventRecord> events) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (refuse) {
                throw new PersistenceException("the database is away");
            }
            synchronized (batches) {
                batches.add(List.copyOf(events));
            }
            stored.appendAll(events);
        }

        @Override
        public List<EventRecord> after(String responseId, int after, int limit) {
            return stored.after(responseId, after, limit);
        }

        @Override
        public int deleteBefore(long before) {
            return stored.deleteBefore(before);
        }

        @Override
        public void deleteOf(String responseId) {
            stored.deleteOf(responseId);
        }
    }
}
