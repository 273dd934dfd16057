package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agenthost.run.McpTarget;
import io.agenthost.run.McpToken;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import io.agenthost.testing.mcp.TestMcpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: what the run scope and the request filter cost per MCP tool call. The same loopback
 * server is called through two connections: one whose headers come from the run scope of the calling thread (a token
 * per run, looked up when each request is sent), one with no credential and no scope. Prints both and the ratio.
 * Run with {@code mvn -B verify -Pbench}.
 */
class RunScopeFilterBench {

    private static final int WARMUP = 1000;
    private static final int ROUNDS = 3;
    private static final int CALLS = 1000;
    private static final McpClientSettings SETTINGS = new McpClientSettings("bench", "1", Duration.ofSeconds(5),
            Duration.ofSeconds(30), RetryPolicy.NONE);

    @Test
    void costOfTheRunScopePerCall() {
        try (TestMcpServer server = TestMcpServer.builder().start()) {
            URI url = URI.create(server.url());
            RunTokens tokens = new RunTokens(List.of(), Clock.systemUTC());
            RequestHeaders fromScope = (request, run) -> run == null ? Map.of()
                    : tokens.token(run, new McpTarget(McpTarget.Kind.REQUEST_SERVER, "rec", request.uri()))
                            .map(McpToken::value).map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
            McpConnection scoped = McpConnection.open(new McpEndpoint("scoped", url, fromScope), SETTINGS);
            McpConnection plain = McpConnection.open(new McpEndpoint("plain", url, RequestHeaders.NONE), SETTINGS);
            try {
                RunScope run = new RunScope("run_bench", "assistant", "alice", Map.of("rec", "bench-token"));
                List<Double> withScope = new ArrayList<>();
                List<Double> without = new ArrayList<>();
                measure(() -> call(scoped, run), WARMUP, null);
                measure(() -> call(plain, null), WARMUP, null);
                for (int round = 0; round < ROUNDS; round++) {
                    measure(() -> call(scoped, run), CALLS, withScope);
                    measure(() -> call(plain, null), CALLS, without);
                }
                Collections.sort(withScope);
                Collections.sort(without);
                System.out.printf(Locale.ROOT, "%nRun scope and request filter per MCP call, %d calls each%n",
                        ROUNDS * CALLS);
                System.out.printf(Locale.ROOT, "%-32s %10s %10s %10s%n", "path", "mean us", "p50 us", "p99 us");
                print("run scope + token per request", withScope);
                print("no scope, no credential", without);
                System.out.printf(Locale.ROOT, "ratio scoped/plain: mean %.2f, p50 %.2f%n%n",
                        mean(withScope) / mean(without), p(withScope, 0.5) / p(without, 0.5));
                assertEquals("Bearer bench-token", lastScopedAuthorization(server));
            } finally {
                scoped.close();
                plain.close();
            }
        }
    }

    private static String lastScopedAuthorization(TestMcpServer server) {
        return server.recorded().stream().map(r -> r.header("Authorization")).filter(a -> a != null)
                .reduce((a, b) -> b).orElse("none");
    }

    private static void call(McpConnection connection, RunScope run) {
        if (run == null) {
            assertEquals("3", connection.call("add", "{\"a\":1,\"b\":2}").output());
            return;
        }
        try (RunContext.Entered entered = RunContext.enter(run)) {
            assertEquals("3", connection.call("add", "{\"a\":1,\"b\":2}").output());
        }
    }

    private static void measure(Runnable call, int times, List<Double> micros) {
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            call.run();
            if (micros != null) {
                micros.add((System.nanoTime() - start) / 1000.0);
            }
        }
    }

    private static void print(String name, List<Double> micros) {
        System.out.printf(Locale.ROOT, "%-32s %10.1f %10.1f %10.1f%n", name, mean(micros), p(micros, 0.5),
                p(micros, 0.99));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double p(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }
}
