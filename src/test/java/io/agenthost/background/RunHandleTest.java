package io.agenthost.background;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunHandleTest {

    private final AtomicBoolean closed = new AtomicBoolean();
    private final RunHandle handle = new RunHandle("resp_1", () -> closed.set(true));

    @Test
    void cancelInterruptsTheRunsThreadUntilTheRunSettles() {
        handle.enterThread();
        handle.cancel();
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(handle.requested());

        handle.settle();
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt must not break the writes of the end");
        handle.cancel();
        assertFalse(Thread.currentThread().isInterrupted());
        handle.leaveThread();
    }

    @Test
    void aThreadLeftByItsRunIsNeverInterruptedForIt() {
        handle.enterThread();
        handle.leaveThread();
        handle.cancel();
        assertFalse(Thread.interrupted());
        assertTrue(handle.requested());
    }

    @Test
    void closingEndsTheWait() throws Exception {
        assertFalse(handle.awaitEnd(Duration.ofMillis(10)));
        handle.close();
        assertTrue(closed.get());
        assertTrue(handle.awaitEnd(Duration.ofMillis(10)));
    }
}
