package io.agenthost.background;

import io.agenthost.run.RunConcurrency;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.opentelemetry.context.Context;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs background responses on a managed executor of bounded concurrency: runs beyond {@link #CONCURRENCY} wait in
 * its queue, holding no thread. Each runs for the caller who created it, in a run scope opened for it, since the
 * request that created it is gone by then.
 */
@ManagedExecutorDefinition(name = BackgroundRuns.EXECUTOR, context = RunConcurrency.CONTEXT,
        maxAsync = BackgroundRuns.CONCURRENCY)
@ApplicationScoped
public class BackgroundRuns {

    static final String EXECUTOR = "java:app/concurrent/BackgroundExecutor";

    /** Background runs at once, per server. */
    static final int CONCURRENCY = 32;

    private static final Logger LOG = Logger.getLogger(BackgroundRuns.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    /**
     * Queues a run registered with {@link LocalRuns}; the handle is closed when it ends.
     *
     * @param caller the scope the run is to inherit its caller and platform call from
     */
    public void submit(RunHandle handle, RunScope caller, Runnable run) {
        String responseId = handle.responseId();
        try {
            // The run's spans belong to the trace of the request that created it, though they outlive it.
            executor.execute(Context.current().wrap(() -> {
                handle.enterThread();
                try (RunContext.Entered entered = RunContext.enter(caller)) {
                    run.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Background response " + responseId + " ended with an error", e);
                } finally {
                    handle.leaveThread();
                    handle.close();
                }
            }));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }
}
