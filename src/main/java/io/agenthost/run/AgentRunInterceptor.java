package io.agenthost.run;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Map;
import java.util.UUID;

/**
 * Opens a run scope around each {@link AgentRun} method and restores the outer one when it returns, however it
 * returns. The caller is the container's ({@link CallerIdentity}): MicroProfile JWT's when the server is configured
 * for it.
 */
@AgentRun
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AgentRunInterceptor {

    @Inject
    CallerIdentity caller;

    @Inject
    Instance<PlatformCall> platform;

    @AroundInvoke
    public Object inRunScope(InvocationContext invocation) throws Exception {
        String agent = "unknown";
        Map<String, String> tokens = Map.of();
        for (Object argument : invocation.getParameters()) {
            if (argument instanceof RunScopeSource source) {
                agent = source.agentName();
                tokens = source.requestTokens();
            }
        }
        // A run inside a run, or a background run, acts for the caller of the scope around it: a background run's
        // request is gone by the time it runs.
        RunScope outer = RunContext.current().orElse(null);
        RunScope scope = new RunScope("run_" + UUID.randomUUID().toString().replace("-", ""), agent,
                outer != null ? outer.principal() : caller.name(), tokens, outer != null ? outer.callId() : callId(),
                outer != null ? outer.callerToken() : caller.token());
        try (RunContext.Entered entered = RunContext.enter(scope)) {
            return invocation.proceed();
        }
    }

    /** The platform's call id of the request that starts the run; none for a run started outside a request. */
    private String callId() {
        try {
            return platform.isResolvable() ? platform.get().callId() : null;
        } catch (ContextNotActiveException outsideARequest) {
            return null;
        }
    }
}
