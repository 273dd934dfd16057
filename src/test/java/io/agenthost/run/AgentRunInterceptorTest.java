package io.agenthost.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The interceptor in a real CDI container (Weld SE): an agent calling an agent gets its own scope, then the outer one back. */
class AgentRunInterceptorTest {

    record Source(String agentName, Map<String, String> requestTokens) implements RunScopeSource {
    }

    @ApplicationScoped
    static class Inner {
        @AgentRun
        RunScope run(Source source) {
            return RunContext.current().orElseThrow();
        }
    }

    @ApplicationScoped
    static class Outer {
        @Inject
        Inner inner;

        private final List<RunScope> seen = new ArrayList<>();

        List<RunScope> seen() {
            return seen;
        }

        @AgentRun
        void run(Source source) {
            seen.add(RunContext.current().orElseThrow());
            seen.add(inner.run(new Source("callee", Map.of("docs", "inner-token"))));
            seen.add(RunContext.current().orElseThrow());
        }
    }

    @Test
    void aNestedRunHasItsOwnScopeAndRestoresTheOuterOne() {
        Weld weld = new Weld().disableDiscovery()
                .addBeanClasses(AgentRunInterceptor.class, ContainerCallers.class, Inner.class, Outer.class);
        try (WeldContainer container = weld.initialize()) {
            Outer outer = container.select(Outer.class).get();

            outer.run(new Source("caller", Map.of("docs", "outer-token")));

            assertEquals("caller", outer.seen().get(0).agent());
            assertEquals("outer-token", outer.seen().get(0).requestTokens().get("docs"));
            assertEquals("callee", outer.seen().get(1).agent());
            assertEquals("inner-token", outer.seen().get(1).requestTokens().get("docs"));
            assertNotEquals(outer.seen().get(0).runId(), outer.seen().get(1).runId());
            assertEquals(outer.seen().get(0), outer.seen().get(2));
            assertNull(outer.seen().get(0).principal());
            assertTrue(RunContext.current().isEmpty());
        }
    }
}
