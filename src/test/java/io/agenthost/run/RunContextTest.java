package io.agenthost.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RunContextTest {

    private static RunScope scope(String id) {
        return new RunScope(id, "assistant", null, Map.of("rec", "token-" + id));
    }

    @Test
    void aNestedScopeGivesTheOuterOneBack() {
        try (RunContext.Entered outer = RunContext.enter(scope("outer"))) {
            try (RunContext.Entered inner = RunContext.enter(scope("inner"))) {
                assertEquals("inner", RunContext.current().orElseThrow().runId());
            }
            assertEquals("outer", RunContext.current().orElseThrow().runId());
        }
        assertTrue(RunContext.current().isEmpty());
    }

    @Test
    void theContextProviderCarriesTheScopeToAnotherThreadAndRestoresItsOwn() throws Exception {
        RunScopeContextProvider provider = new RunScopeContextProvider();
        ThreadContextSnapshot captured;
        try (RunContext.Entered entered = RunContext.enter(scope("submitter"))) {
            captured = provider.currentContext(Map.of());
        }
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (RunContext.Entered own = RunContext.enter(scope("worker-own"))) {
                    ThreadContextRestorer restorer = captured.begin();
                    String during = RunContext.current().map(RunScope::runId).orElse("none");
                    restorer.endContext();
                    return during + "," + RunContext.current().map(RunScope::runId).orElse("none");
                }
            }, worker);
            assertEquals("submitter,worker-own", seen.get());

            Optional<RunScope> cleared = CompletableFuture.supplyAsync(() -> {
                try (RunContext.Entered own = RunContext.enter(scope("worker-own"))) {
                    ThreadContextRestorer restorer = provider.clearedContext(Map.of()).begin();
                    Optional<RunScope> during = RunContext.current();
                    restorer.endContext();
                    return during;
                }
            }, worker).get();
            assertTrue(cleared.isEmpty());
        } finally {
            worker.shutdown();
        }
    }

    @Test
    void aScopeNeverShowsItsTokens() {
        assertTrue(!scope("x").toString().contains("token-x"));
        RunScope withCallerToken = new RunScope("y", "assistant", "alice", Map.of(), null, "callers-own-jwt");
        assertTrue(!withCallerToken.toString().contains("callers-own-jwt"), withCallerToken.toString());
    }
}
