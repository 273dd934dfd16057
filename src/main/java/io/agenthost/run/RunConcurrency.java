package io.agenthost.run;

import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.Executor;

/**
 * The application's context service and managed executor that carry the run scope: the server's default ones do not
 * propagate an application's own thread context type.
 */
@ContextServiceDefinition(name = RunConcurrency.CONTEXT,
        propagated = {RunScopeContextProvider.TYPE, ContextServiceDefinition.APPLICATION},
        cleared = ContextServiceDefinition.TRANSACTION,
        unchanged = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(name = RunConcurrency.EXECUTOR, context = RunConcurrency.CONTEXT)
@ApplicationScoped
public class RunConcurrency {

    public static final String CONTEXT = "java:app/concurrent/RunContext";
    public static final String EXECUTOR = "java:app/concurrent/RunExecutor";

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Produces
    @RunExecutor
    Executor runExecutor() {
        return executor;
    }
}
