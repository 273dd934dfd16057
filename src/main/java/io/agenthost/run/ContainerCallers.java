package io.agenthost.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * The caller as the container knows it: the end user the hosted-agent platform names ({@link PlatformCall}, with
 * {@code CALLER_AUTH=foundry}), else the principal of the current request.
 */
@ApplicationScoped
public class ContainerCallers {

    /** The name containers give the principal of an unauthenticated caller. */
    private static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    private static final String BEARER = "Bearer ";

    private final Instance<Principal> principal;
    private final Instance<PlatformCall> platform;
    private final Instance<HttpServletRequest> request;

    @Inject
    public ContainerCallers(Instance<Principal> principal, Instance<PlatformCall> platform,
            Instance<HttpServletRequest> request) {
        this.principal = principal;
        this.platform = platform;
        this.request = request;
    }

    /** For CDI proxies only. */
    protected ContainerCallers() {
        this.principal = null;
        this.platform = null;
        this.request = null;
    }

    @Produces
    CallerIdentity callers() {
        return new CallerIdentity() {
            @Override
            public String name() {
                return current();
            }

            @Override
            public String token() {
                return presentedToken();
            }
        };
    }

    /**
     * The bearer token of an authenticated caller's request: the JWT MicroProfile JWT verified. The platform's callers
     * bring none of their own, and an anonymous caller's header was never checked.
     */
    private String presentedToken() {
        try {
            if (platform.isResolvable() && platform.get().userId() != null || current() == null
                    || !request.isResolvable()) {
                return null;
            }
            String authorization = request.get().getHeader("Authorization");
            return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip() : null;
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    private String current() {
        try {
            String platformUser = platform.isResolvable() ? platform.get().userId() : null;
            if (platformUser != null) {
                return platformUser;
            }
            String name = principalName();
            return name == null || name.isBlank() || name.equals(UNAUTHENTICATED) ? null : name;
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    /**
     * The servlet request's user, or CDI's built-in principal outside a servlet request. The request is asked first
     * because it answers null for an anonymous caller, where CDI's principal throws, and a run asks several times.
     */
    private String principalName() {
        try {
            if (request.isResolvable()) {
                Principal user = request.get().getUserPrincipal();
                return user == null ? null : user.getName();
            }
        } catch (RuntimeException outsideAServletRequest) {
            // a thread of the container's that carries CDI's contexts but no servlet request
        }
        return principal.isResolvable() ? principal.get().getName() : null;
    }
}
