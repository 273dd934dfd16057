package io.agenthost.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.run.ConsentSignal;
import io.agenthost.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsentWaitTest {

    private final ConsentSignal signal = new ConsentSignal();

    @Test
    void aRunWithoutPatienceDoesNotWait() {
        ConsentWait wait = new ConsentWait(signal, Duration.ZERO, Clock.systemUTC());
        assertFalse(wait.enabled());
        assertFalse(wait.again());
    }

    @Test
    void pastItsDeadlineARunStopsWaiting() {
        TestClock clock = new TestClock();
        ConsentWait wait = new ConsentWait(signal, Duration.ofSeconds(5), clock);
        assertTrue(wait.enabled());

        clock.advance(Duration.ofSeconds(5));

        assertFalse(wait.again(), "the run ends asking for consent, as a foreground one does");
    }

    @Test
    void aGrantStoredOnThisServerEndsTheWaitAtOnce() throws Exception {
        ConsentWait wait = new ConsentWait(signal, Duration.ofMinutes(10), Clock.systemUTC());
        wait.again(); // the first pause: 1 s
        long started = System.nanoTime();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(wait::again); // the second: 2 s
        Thread.sleep(200);
        signal.given();
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1500), "woken, not timed out");
    }

    @Test
    void aCancelWhileWaitingEndsTheRun() throws Exception {
        ConsentWait wait = new ConsentWait(signal, Duration.ofMinutes(10), Clock.systemUTC());
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, wait::again);
        assertTrue(Thread.interrupted());
    }
}
