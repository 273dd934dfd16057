package io.agenthost.background;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A scheduler of one thread that runs nothing until it is let go: what is written behind waits for the test. */
final class HeldScheduler implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch held = new CountDownLatch(1);

    HeldScheduler() {
        executor.execute(() -> {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    void letGo() {
        held.countDown();
    }

    @Override
    public void close() {
        held.countDown();
        executor.shutdownNow();
    }
}
