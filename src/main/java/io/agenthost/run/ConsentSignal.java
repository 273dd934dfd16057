package io.agenthost.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Wakes the runs that wait for a user's consent when this server stores a grant, so that a background run goes on
 * as soon as its user has consented rather than at its next retry.
 */
@ApplicationScoped
public class ConsentSignal {

    private final Object lock = new Object();
    private long given;

    /** A user has given consent (an OAuth grant was stored): every waiting run tries again now. */
    public void given() {
        synchronized (lock) {
            given++;
            lock.notifyAll();
        }
    }

    /** Waits until consent is given or the timeout passes. */
    public void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long seen = given;
            for (long left = timeout.toMillis(); seen == given && left > 0;
                    left = (deadline - System.nanoTime()) / 1_000_000) {
                lock.wait(left);
            }
        }
    }
}
