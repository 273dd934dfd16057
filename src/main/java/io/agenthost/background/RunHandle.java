package io.agenthost.background;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run on this server whose events are stored: what its heartbeat names, and how it is cancelled. Cancelling sets
 * a flag the run checks at each event and interrupts its thread, which aborts an MCP request in flight.
 */
public final class RunHandle implements Cancellation, AutoCloseable {

    private final String responseId;
    private final Runnable onClose;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean cancelled;
    private Thread thread;
    private boolean started;
    private boolean settled;

    RunHandle(String responseId, Runnable onClose) {
        this.responseId = responseId;
        this.onClose = onClose;
    }

    public String responseId() {
        return responseId;
    }

    @Override
    public boolean requested() {
        return cancelled;
    }

    @Override
    public synchronized void settle() {
        settled = true;
        if (thread == Thread.currentThread()) {
            Thread.interrupted();
        }
    }

    /** Whether its run has begun on a thread (a background run may still wait in the executor's queue). */
    public synchronized boolean started() {
        return started;
    }

    /** Asks the run to end; the thread it runs on, if any, is interrupted while it runs this run only. */
    public synchronized void cancel() {
        cancelled = true;
        if (thread != null && !settled) {
            thread.interrupt();
        }
    }

    /** Binds the run to the current thread until {@link #leaveThread()}. */
    synchronized void enterThread() {
        started = true;
        thread = Thread.currentThread();
        if (cancelled && !settled) {
            thread.interrupt();
        }
    }

    /** Unbinds the run from its thread, and clears an interrupt meant for the run, not for the thread's next task. */
    synchronized void leaveThread() {
        thread = null;
        Thread.interrupted();
    }

    /** Waits until the run has ended; false when it did not in time. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The run has ended: it no longer heartbeats. */
    @Override
    public void close() {
        onClose.run();
        ended.countDown();
    }
}
