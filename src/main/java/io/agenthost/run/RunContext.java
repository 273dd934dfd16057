package io.agenthost.run;

import java.util.Optional;

/**
 * The run scope of the current thread: the one deliberate thread context of the application. It is opened around a
 * run by the {@link AgentRun} interceptor, carried to other threads by the {@code RunScope} thread context of
 * Jakarta Concurrency ({@link RunScopeContextProvider}), and into the MCP transport by its transport context.
 */
public final class RunContext {

    private static final ThreadLocal<RunScope> CURRENT = new ThreadLocal<>();

    private RunContext() {
    }

    public static Optional<RunScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes a scope current until the returned handle is closed, which restores the scope that was current before
     * (so a run inside a run gives the outer one back).
     */
    public static Entered enter(RunScope scope) {
        RunScope outer = CURRENT.get();
        set(scope);
        return () -> set(outer);
    }

    private static void set(RunScope scope) {
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
    }

    /** Leaves a scope; never throws. */
    @FunctionalInterface
    public interface Entered extends AutoCloseable {
        @Override
        void close();
    }
}
