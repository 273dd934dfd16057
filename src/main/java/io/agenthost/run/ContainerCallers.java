package io.agenthost.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.security.Principal;

/**
 * The caller as the container knows it: the end user the hosted-agent platform names ({@link PlatformCall}, with
 * {@code CALLER_AUTH=foundry}), else CDI's built-in principal of the current request.
 */
@ApplicationScoped
public class ContainerCallers {

    /** The name containers give the principal of an unauthenticated caller. */
    private static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    private final Instance<Principal> principal;
    private final Instance<PlatformCall> platform;

    @Inject
    public ContainerCallers(Instance<Principal> principal, Instance<PlatformCall> platform) {
        this.principal = principal;
        this.platform = platform;
    }

    /** For CDI proxies only. */
    protected ContainerCallers() {
        this.principal = null;
        this.platform = null;
    }

    @Produces
    CallerIdentity callers() {
        return this::current;
    }

    private String current() {
        try {
            String platformUser = platform.isResolvable() ? platform.get().userId() : null;
            if (platformUser != null) {
                return platformUser;
            }
            Principal current = principal.isResolvable() ? principal.get() : null;
            String name = current == null ? null : current.getName();
            return name == null || name.isBlank() || name.equals(UNAUTHENTICATED) ? null : name;
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }
}
