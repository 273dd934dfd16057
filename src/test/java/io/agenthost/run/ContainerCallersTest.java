package io.agenthost.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The caller named by the servlet request, in a real CDI container (Weld SE), whose built-in principal knows no
 * caller: the request's user is the caller, and a request without one is anonymous.
 */
class ContainerCallersTest {

    /** The servlet request of the test: its user (null: anonymous) and its headers. */
    @ApplicationScoped
    static class CurrentRequest {

        private Principal user;
        private Map<String, String> headers = Map.of();

        void set(Principal user, Map<String, String> headers) {
            this.user = user;
            this.headers = headers;
        }

        @Produces
        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getUserPrincipal" -> user;
                        case "getHeader" -> headers.get((String) args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void theRequestsUserIsTheCallerAndItsBearerTokenTheirs() {
        try (WeldContainer container = container()) {
            container.select(CurrentRequest.class).get().set(() -> "alice", Map.of("Authorization", "Bearer eyJ.a.b"));
            CallerIdentity caller = container.select(CallerIdentity.class).get();

            assertEquals("alice", caller.name());
            assertEquals("eyJ.a.b", caller.token());
        }
    }

    @Test
    void aRequestWithoutAUserIsAnonymousAndItsHeaderUnchecked() {
        try (WeldContainer container = container()) {
            container.select(CurrentRequest.class).get().set(null, Map.of("Authorization", "Bearer forged"));
            CallerIdentity caller = container.select(CallerIdentity.class).get();

            assertNull(caller.name());
            assertNull(caller.token());
        }
    }

    @Test
    void theContainersNameForAnUnauthenticatedUserIsAnonymous() {
        try (WeldContainer container = container()) {
            container.select(CurrentRequest.class).get().set(() -> "UNAUTHENTICATED", Map.of());

            assertNull(container.select(CallerIdentity.class).get().name());
        }
    }

    private static WeldContainer container() {
        return new Weld().disableDiscovery().addBeanClasses(ContainerCallers.class, CurrentRequest.class).initialize();
    }
}
