package io.agenthost.agent;

import io.agenthost.run.ConsentSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * How a run waits for its user's consent instead of ending: until a deadline, trying again after 1 s, doubling to
 * 30 s, or at once when this server stores a grant. Only background runs wait; the others have none.
 */
final class ConsentWait {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final ConsentSignal signal;
    private final Instant deadline;
    private final Clock clock;
    private Duration next = FIRST;

    /** @param patience how long the run may wait in all; zero for a run that does not wait */
    ConsentWait(ConsentSignal signal, Duration patience, Clock clock) {
        this.signal = signal;
        this.clock = clock;
        this.deadline = patience.isZero() ? null : clock.instant().plus(patience);
    }

    /** Whether the run waits for consent at all. */
    boolean enabled() {
        return deadline != null;
    }

    /**
     * Waits for the next try.
     *
     * @return false when the deadline has passed: the run ends waiting for consent, as a foreground one does
     * @throws CancellationException when the run was cancelled (its thread interrupted) while it waited
     */
    boolean again() {
        Duration left = deadline == null ? Duration.ZERO : Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            return false;
        }
        Duration pause = next.compareTo(left) < 0 ? next : left;
        next = next.multipliedBy(2).compareTo(LONGEST) < 0 ? next.multipliedBy(2) : LONGEST;
        try {
            signal.await(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("cancelled while waiting for consent");
        }
        return true;
    }
}
