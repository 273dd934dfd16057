package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.testing.mcp.TestMcpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: how long the host takes to become ready with 1 and with 20 toolboxes (whether the opens
 * run in parallel), and what the host's MCP client path adds to a tool call over a bare MCP Java SDK client and over
 * langchain4j-mcp's client, all three calling the same server. Prints
 * figures and ratios; asserts only that everything worked. Runs in the test JVM against loopback MCP servers on free
 * ports, so it needs no Liberty. Run with {@code mvn -B verify -Pbench}, or alone with
 * {@code mvn -B -q test-compile && mvn -B surefire:test -Dtest=ToolboxBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ToolboxBench {

    /** Long enough per request that serial opens of 20 toolboxes would stand out from parallel ones. */
    private static final Duration OPEN_DELAY = Duration.ofMillis(100);
    private static final int MANY = 20;
    private static final int READINESS_WARMUP = 1;
    private static final int READINESS_RUNS = 5;

    private static final int CALL_WARMUP = 500;
    private static final int CALL_ROUNDS = 3;
    private static final int CALLS_PER_ROUND = 1000;
    private static final String ARGUMENTS = "{\"a\":1,\"b\":2}";

    /**
     * The production defaults (McpSettingsProducer), so that the host side is measured as it is deployed: the HTTP
     * clients of all sessions share one pool of threads that grows with the answers in flight.
     */
    private static final McpClientSettings SETTINGS = new McpClientSettings("agent-host-bench", "1",
            Duration.ofSeconds(10), Duration.ofSeconds(60),
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30)),
            Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "mcp-http");
                thread.setDaemon(true);
                return thread;
            }), null);

    // Held strongly: java.util.logging keeps loggers weakly, and a collected one would lose its level.
    private static final Logger HOST_LOG = Logger.getLogger("io.agenthost");
    private static Level savedLevel;

    @BeforeAll
    static void quietHostLog() {
        // One INFO line per opened toolbox would bury the table under a few hundred lines.
        savedLevel = HOST_LOG.getLevel();
        HOST_LOG.setLevel(Level.WARNING);
    }

    @AfterAll
    static void restoreHostLog() {
        HOST_LOG.setLevel(savedLevel);
    }

    @Test
    void readinessAndPerCallOverhead() throws Exception {
        double[] readiness1;
        double[] readiness20;
        try (TestMcpServer slow = TestMcpServer.builder().name("bench-slow").start()) {
            readiness1 = readiness(slow, 1);
            readiness20 = readiness(slow, MANY);
        }
        CallFigures host;
        CallFigures raw;
        CallFigures langchain4j;
        try (TestMcpServer server = TestMcpServer.builder().name("bench-calls").start()) {
            CallFigures[] all = callOverhead(server);
            host = all[0];
            raw = all[1];
            langchain4j = all[2];
        }

        CallFigures statelessHost;
        CallFigures statelessRaw;
        try (TestMcpServer server = TestMcpServer.builder().name("bench-stateless").stateless(true).start()) {
            CallFigures[] both = statelessCallOverhead(server);
            statelessHost = both[0];
            statelessRaw = both[1];
        }

        double median1 = median(readiness1);
        double median20 = median(readiness20);
        System.out.printf(Locale.ROOT, "%nToolbox benchmark (%d cores, Java %s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT,
                "Readiness: openAll until startupFinished and Healthy, every MCP request delayed %d ms, "
                        + "fixed pool of %d threads; median of %d after %d warm-up%n",
                OPEN_DELAY.toMillis(), MANY, READINESS_RUNS, READINESS_WARMUP);
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %12s%n", "toolboxes", "median ms", "min ms", "max ms");
        System.out.println(readinessRow("1 toolbox", readiness1));
        System.out.println(readinessRow(MANY + " toolboxes", readiness20));
        System.out.printf(Locale.ROOT, "ratio readiness %d/1: %.2f (1 = parallel opens, %d = serial)%n%n",
                MANY, median20 / median1, MANY);

        System.out.printf(Locale.ROOT,
                "Tool call add{a:1,b:2} on one loopback MCP server: %d sequential calls each (%d rounds of %d, "
                        + "alternating), after %d warm-up each%n",
                CALL_ROUNDS * CALLS_PER_ROUND, CALL_ROUNDS, CALLS_PER_ROUND, CALL_WARMUP);
        System.out.println(CallFigures.HEADER);
        System.out.println(host.row("host McpToolbox.call"));
        System.out.println(raw.row("raw MCP SDK callTool"));
        System.out.println(langchain4j.row("langchain4j-mcp executeTool"));
        System.out.printf(Locale.ROOT, "ratio host/raw: mean %.2f, p50 %.2f, p99 %.2f; host adds %.1f us per call "
                        + "(mean)%n",
                host.mean() / raw.mean(), host.p50() / raw.p50(), host.p99() / raw.p99(), host.mean() - raw.mean());
        System.out.printf(Locale.ROOT, "ratio host/langchain4j-mcp: mean %.2f, p50 %.2f, p99 %.2f%n%n",
                host.mean() / langchain4j.mean(), host.p50() / langchain4j.p50(), host.p99() / langchain4j.p99());
        System.out.println("The same calls on a server of MCP 2026-07-28 (the SDK's stateless server)");
        System.out.println(CallFigures.HEADER);
        System.out.println(statelessHost.row("host McpToolbox.call"));
        System.out.println(statelessRaw.row("raw MCP SDK tool().call()"));
        System.out.printf(Locale.ROOT, "ratio host/raw: mean %.2f, p50 %.2f, p99 %.2f; host adds %.1f us per call "
                        + "(mean)%n",
                statelessHost.mean() / statelessRaw.mean(), statelessHost.p50() / statelessRaw.p50(),
                statelessHost.p99() / statelessRaw.p99(), statelessHost.mean() - statelessRaw.mean());
        System.out.printf(Locale.ROOT, "ratio host 2026-07-28/host 2025-11-25: mean %.2f; host 2026-07-28/"
                + "langchain4j-mcp: mean %.2f%n%n", statelessHost.mean() / host.mean(),
                statelessHost.mean() / langchain4j.mean());
    }

    /** The host's figures, then the raw stateless SDK client's, calling the same stateless server. */
    private static CallFigures[] statelessCallOverhead(TestMcpServer server) throws Exception {
        ToolboxRegistry registry = new ToolboxRegistry(List.of(new ToolboxRef("calc", null)),
                new ToolboxLocator(key -> key.equals("toolbox.calc.url") ? Optional.of(server.url()) : Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ofSeconds(30), Clock.systemUTC());
        io.modelcontextprotocol.modern.client.McpSyncClient raw = io.modelcontextprotocol.modern.client.McpClient
                .sync(io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport.builder(server.url())
                        .build())
                .roundTimeout(SETTINGS.requestTimeout()).build();
        try {
            registry.openAll(Runnable::run);
            McpToolbox calc = registry.find("calc").orElseThrow();
            assertEquals(ToolboxStatus.Healthy, calc.status(), calc.reason());
            Runnable hostCall = () -> assertEquals("3", calc.call("add", ARGUMENTS).output());
            Runnable rawCall = () -> assertEquals("3", ((io.modelcontextprotocol.modern.McpSchema.TextContent) raw
                    .tool("add").arguments(Map.of("a", 1, "b", 2)).call().content().get(0)).text());
            time(hostCall, CALL_WARMUP, server);
            time(rawCall, CALL_WARMUP, server);
            List<long[]> hostRounds = new ArrayList<>();
            List<long[]> rawRounds = new ArrayList<>();
            for (int round = 0; round < CALL_ROUNDS; round++) {
                hostRounds.add(time(hostCall, CALLS_PER_ROUND, server));
                rawRounds.add(time(rawCall, CALLS_PER_ROUND, server));
            }
            return new CallFigures[] {CallFigures.of(hostRounds), CallFigures.of(rawRounds)};
        } finally {
            registry.close();
        }
    }

    /** Milliseconds from openAll to a finished, healthy startup, for each measured run. */
    private static double[] readiness(TestMcpServer server, int toolboxes) throws InterruptedException {
        double[] millis = new double[READINESS_RUNS];
        for (int run = -READINESS_WARMUP; run < READINESS_RUNS; run++) {
            double taken = openOnce(server, toolboxes);
            if (run >= 0) {
                millis[run] = taken;
            }
        }
        return millis;
    }

    private static double openOnce(TestMcpServer server, int toolboxes) throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        List<ToolboxRef> refs = new ArrayList<>();
        for (int i = 0; i < toolboxes; i++) {
            String name = "box" + i;
            refs.add(new ToolboxRef(name, null));
            // All on one server: its streamable HTTP transport keeps a session per client, so the opens are
            // as independent as they would be against 20 servers.
            config.put("toolbox." + name + ".url", server.url());
        }
        ToolboxRegistry registry = new ToolboxRegistry(refs, new ToolboxLocator(key -> Optional.ofNullable(config.get(key))),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ofSeconds(30), Clock.systemUTC());
        ExecutorService executor = Executors.newFixedThreadPool(MANY);
        try {
            server.delay(OPEN_DELAY);
            long start = System.nanoTime();
            registry.openAll(executor);
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (!registry.startupFinished() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            long end = System.nanoTime();
            assertTrue(registry.startupFinished(), "startup did not finish: " + registry.statuses());
            assertEquals(ToolboxStatus.Healthy, registry.overall(), registry.statuses().toString());
            assertTrue(registry.find("box0").orElseThrow().tools().stream().anyMatch(t -> t.name().equals("add")));
            return (end - start) / 1e6;
        } finally {
            // Sessions close one after another; undelayed, that takes milliseconds rather than seconds.
            server.clearFaults();
            registry.close();
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            server.clearRecorded();
        }
    }

    /** The host's figures, the raw MCP SDK client's, then langchain4j-mcp's, all calling the same server. */
    private static CallFigures[] callOverhead(TestMcpServer server) throws Exception {
        ToolboxRegistry registry = new ToolboxRegistry(List.of(new ToolboxRef("calc", null)),
                new ToolboxLocator(key -> key.equals("toolbox.calc.url") ? Optional.of(server.url()) : Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ofSeconds(30), Clock.systemUTC());
        McpSyncClient raw = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://" + TestMcpServer.HOST
                        + ":" + server.port()).endpoint(TestMcpServer.PATH).build())
                .requestTimeout(SETTINGS.requestTimeout())
                .build();
        dev.langchain4j.mcp.client.McpClient langchain4j = new DefaultMcpClient.Builder()
                .transport(new StreamableHttpMcpTransport.Builder().url(server.url())
                        .timeout(SETTINGS.requestTimeout()).build())
                .toolExecutionTimeout(SETTINGS.requestTimeout())
                .autoHealthCheck(false)
                .build();
        try {
            registry.openAll(Runnable::run);
            McpToolbox calc = registry.find("calc").orElseThrow();
            assertEquals(ToolboxStatus.Healthy, calc.status(), calc.reason());
            raw.initialize();
            McpSchema.CallToolRequest request = new McpSchema.CallToolRequest("add", Map.of("a", 1, "b", 2));
            ToolExecutionRequest execution = ToolExecutionRequest.builder().name("add").arguments(ARGUMENTS).build();
            Runnable hostCall = () -> assertEquals("3", calc.call("add", ARGUMENTS).output());
            Runnable rawCall = () -> assertEquals("3", text(raw.callTool(request)));
            Runnable langchain4jCall = () -> assertEquals("3", langchain4j.executeTool(execution).resultText());

            time(hostCall, CALL_WARMUP, server);
            time(rawCall, CALL_WARMUP, server);
            time(langchain4jCall, CALL_WARMUP, server);
            // Alternating rounds spread JIT, GC and machine noise over all sides instead of loading one of them.
            List<long[]> hostRounds = new ArrayList<>();
            List<long[]> rawRounds = new ArrayList<>();
            List<long[]> langchain4jRounds = new ArrayList<>();
            for (int round = 0; round < CALL_ROUNDS; round++) {
                hostRounds.add(time(hostCall, CALLS_PER_ROUND, server));
                rawRounds.add(time(rawCall, CALLS_PER_ROUND, server));
                langchain4jRounds.add(time(langchain4jCall, CALLS_PER_ROUND, server));
            }
            return new CallFigures[] {CallFigures.of(hostRounds), CallFigures.of(rawRounds),
                    CallFigures.of(langchain4jRounds)};
        } finally {
            langchain4j.close();
            raw.closeGracefully();
            registry.close();
        }
    }

    /** Nanoseconds per call. */
    private static long[] time(Runnable call, int calls, TestMcpServer server) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        // The server records every request in a copy-on-write list; left to grow, it would slow later rounds.
        server.clearRecorded();
        return nanos;
    }

    private static String text(McpSchema.CallToolResult result) {
        assertTrue(result.isError() == null || !result.isError(), String.valueOf(result));
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String readinessRow(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-26s %12.1f %12.1f %12.1f", name, median(millis), sorted[0],
                sorted[sorted.length - 1]);
    }

    /** Microseconds per call. */
    private record CallFigures(double mean, double p50, double p99) {
        static final String HEADER = String.format(Locale.ROOT, "%-26s %12s %12s %12s", "client", "mean us",
                "p50 us", "p99 us");

        static CallFigures of(List<long[]> rounds) {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double mean = Arrays.stream(all).average().orElseThrow() / 1e3;
            return new CallFigures(mean, all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3);
        }

        String row(String name) {
            return String.format(Locale.ROOT, "%-26s %12.1f %12.1f %12.1f", name, mean, p50, p99);
        }
    }
}
