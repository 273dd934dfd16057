package io.agenthost.background;

/** Whether a run was asked to stop, as the run sees it. */
public interface Cancellation {

    /** A run that nothing can cancel: a foreground one. */
    Cancellation NEVER = new Cancellation() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void settle() {
        }
    };

    boolean requested();

    /**
     * The run has stopped working and is about to record its end: from now on a cancel no longer interrupts its
     * thread, and an interrupt meant to stop it is cleared, so that it cannot break the writes that record the end.
     */
    void settle();
}
