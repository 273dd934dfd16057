package io.agenthost.run;

import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;

/**
 * The {@code RunScope} thread context type of Jakarta Concurrency: a context service that propagates it runs a task
 * in the run scope of the thread that submitted it, and gives the worker thread its own scope back afterwards.
 */
public class RunScopeContextProvider implements ThreadContextProvider {

    public static final String TYPE = "RunScope";

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> props) {
        RunScope captured = RunContext.current().orElse(null);
        return () -> enter(captured);
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> props) {
        return () -> enter(null);
    }

    @Override
    public String getThreadContextType() {
        return TYPE;
    }

    private static ThreadContextRestorer enter(RunScope scope) {
        RunContext.Entered entered = RunContext.enter(scope);
        return entered::close;
    }
}
