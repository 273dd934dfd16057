package io.agenthost.run;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;

/**
 * Opens a run scope around each {@link AgentRun} method and restores the outer one when it returns, however it
 * returns. The caller's principal is the container's: MicroProfile JWT's when the server is configured for it.
 */
@AgentRun
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AgentRunInterceptor {

    /** The name containers give the principal of an unauthenticated caller. */
    private static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    @Inject
    Instance<Principal> principal;

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
        RunScope scope = new RunScope("run_" + UUID.randomUUID().toString().replace("-", ""), agent, caller(), tokens);
        try (RunContext.Entered entered = RunContext.enter(scope)) {
            return invocation.proceed();
        }
    }

    private String caller() {
        try {
            Principal current = principal.isResolvable() ? principal.get() : null;
            String name = current == null ? null : current.getName();
            return name == null || name.isBlank() || name.equals(UNAUTHENTICATED) ? null : name;
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }
}
