package io.agenthost.toolbox;

import io.agenthost.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpTelemetry;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.testing.mcp.RecordedRequest;
import io.agenthost.testing.mcp.TestMcpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry against real MCP servers (MCP Java SDK servers on loopback), one fault mode per test. */
class ToolboxRegistryTest {

    private static final McpClientSettings SETTINGS = new McpClientSettings("agent-host-test", "1",
            Duration.ofSeconds(2), Duration.ofSeconds(10), new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(5)));

    private final Map<String, String> config = new HashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private TestMcpServer server;
    private ToolboxRegistry registry;

    @AfterEach
    void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
        if (server != null) {
            server.close();
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ToolboxRegistry registry(Clock clock, Duration startupTimeout, String... names) {
        List<ToolboxRef> refs = java.util.Arrays.stream(names).map(n -> new ToolboxRef(n, null)).toList();
        registry = new ToolboxRegistry(refs, new ToolboxLocator(key -> Optional.ofNullable(config.get(key))),
                (ref, location) -> RequestHeaders.NONE, SETTINGS, startupTimeout, clock);
        return registry;
    }

    private ToolboxRegistry openAndWait(String... names) throws InterruptedException {
        ToolboxRegistry opened = registry(Clock.systemUTC(), Duration.ofSeconds(30), names);
        opened.openAll(executor);
        awaitStartup(opened);
        return opened;
    }

    private static void awaitStartup(ToolboxRegistry registry) throws InterruptedException {
        for (int i = 0; i < 300 && !registry.startupFinished(); i++) {
            Thread.sleep(50);
        }
        assertTrue(registry.startupFinished(), "startup did not finish");
    }

    @Test
    void aReachableToolboxIsHealthyWithItsTools() throws Exception {
        server = TestMcpServer.builder().start();
        config.put("toolbox.calendar.url", server.url());

        ToolboxRegistry registry = openAndWait("calendar");

        assertEquals(Map.of("calendar", ToolboxStatus.Healthy), registry.statuses());
        assertEquals(ToolboxStatus.Healthy, registry.overall());
        McpToolbox calendar = registry.find("calendar").orElseThrow();
        assertTrue(calendar.tools().stream().map(McpTool::name).toList().containsAll(List.of("add", "whoami")));
        assertEquals("5", calendar.call("add", "{\"a\":2,\"b\":3}").output());
        assertTrue(server.recorded("initialize").get(0).body().contains("\"agent-host-test\""));
    }

    @Test
    void aClosedPortIsDegradedAndRecoversOnALaterRequestOnceTheServerListens() throws Exception {
        int port = freePort();
        server = TestMcpServer.builder().port(port).build();
        config.put("toolbox.late.url", server.url());

        ToolboxRegistry registry = openAndWait("late");

        assertEquals(ToolboxStatus.Degraded, registry.statuses().get("late"));
        assertEquals(ToolboxStatus.Degraded, registry.overall());
        assertTrue(registry.find("late").orElseThrow().reason().contains("cannot connect"),
                registry.find("late").orElseThrow().reason());

        server.start();
        List<McpToolbox> serving = toolboxes(registry.forRun(null));
        for (int i = 0; i < 50 && serving.get(0).status() != ToolboxStatus.Healthy; i++) {
            Thread.sleep(20);
            serving = toolboxes(registry.forRun(null));
        }

        assertEquals(ToolboxStatus.Healthy, serving.get(0).status());
        assertEquals(ToolboxStatus.Healthy, registry.overall());
        assertFalse(serving.get(0).tools().isEmpty());
    }

    @Test
    void aServerThatStillRefusesConnectionsIsRetriedWithAConnectAloneUntilItListens() throws Exception {
        int port = freePort();
        server = TestMcpServer.builder().port(port).build();
        config.put("toolbox.late.url", server.url());
        List<String> requests = new CopyOnWriteArrayList<>();
        McpClientSettings observed = new McpClientSettings("agent-host-test", "1", Duration.ofSeconds(2),
                Duration.ofSeconds(10), new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(5)), null, null,
                (method, target, endpoint) -> {
                    requests.add(method);
                    return McpTelemetry.McpRequestSpan.NONE;
                });
        registry = new ToolboxRegistry(List.of(new ToolboxRef("late", null)),
                new ToolboxLocator(key -> Optional.ofNullable(config.get(key))), (ref, location) -> RequestHeaders.NONE,
                observed, Duration.ofSeconds(30), Clock.systemUTC());
        registry.openAll(executor);
        awaitStartup(registry);
        assertEquals(ToolboxStatus.Degraded, registry.overall());
        int triedAtStartup = requests.size();
        assertTrue(triedAtStartup > 0, "the first open sent an MCP request");
        String reason = registry.find("late").orElseThrow().reason();

        for (int request = 0; request < 3; request++) {
            assertEquals(ToolboxStatus.Degraded, registry.forRun(null).get(0).toolbox().status());
        }
        assertEquals(triedAtStartup, requests.size(), "no MCP request while the port refuses connections");
        assertEquals(reason, registry.find("late").orElseThrow().reason());

        server.start();
        assertEquals(ToolboxStatus.Healthy, registry.forRun(null).get(0).toolbox().status());
        assertTrue(requests.size() > triedAtStartup, requests.toString());
    }

    @Test
    void aToolboxThatFailsAgainAsBeforeIsWarnedOfOnce() throws Exception {
        server = TestMcpServer.builder().failAlways(503).start();
        config.put("toolbox.down.url", server.url());
        Logger log = Logger.getLogger(HostToolbox.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("is degraded")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(handler);
        try {
            ToolboxRegistry registry = openAndWait("down");
            registry.forRun(null);
            registry.forRun(null);
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }

        assertEquals(List.of(Level.WARNING, Level.FINE, Level.FINE), records.stream().map(LogRecord::getLevel).toList());
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheServersRetryAfter() throws Exception {
        server = TestMcpServer.builder().failFirst(2, 429, 1).start();
        config.put("toolbox.flaky.url", server.url());

        ToolboxRegistry registry = openAndWait("flaky");

        assertEquals(ToolboxStatus.Healthy, registry.statuses().get("flaky"));
        List<RecordedRequest> posts = server.recorded().stream().filter(r -> r.method().equals("POST")).toList();
        assertTrue(posts.size() >= 3, posts.toString());
        // The first two were refused with Retry-After: 1; each retry came no sooner than a second later.
        assertTrue(Duration.between(posts.get(0).arrival(), posts.get(1).arrival()).toMillis() >= 900);
        assertTrue(Duration.between(posts.get(1).arrival(), posts.get(2).arrival()).toMillis() >= 900);
    }

    @Test
    void aServerThatKeepsFailingIsDegradedAfterThreeRetries() throws Exception {
        server = TestMcpServer.builder().failAlways(503).start();
        config.put("toolbox.down.url", server.url());

        ToolboxRegistry registry = openAndWait("down");

        assertEquals(ToolboxStatus.Degraded, registry.statuses().get("down"));
        assertTrue(registry.find("down").orElseThrow().reason().contains("503"),
                registry.find("down").orElseThrow().reason());
        assertEquals(4, server.recorded().stream().filter(r -> r.method().equals("POST")).count());
    }

    @Test
    void aSlowToolboxIsPendingUntilTheStartupTimeoutThenCountsAsDegraded() throws Exception {
        server = TestMcpServer.builder().delay(Duration.ofSeconds(3)).start();
        config.put("toolbox.slow.url", server.url());
        TestClock clock = new TestClock();
        ToolboxRegistry registry = registry(clock, Duration.ofSeconds(30), "slow");

        registry.openAll(executor);

        assertEquals(ToolboxStatus.Pending, registry.overall());
        assertFalse(registry.startupFinished());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(ToolboxStatus.Degraded, registry.overall());
        assertTrue(registry.startupFinished());
    }

    @Test
    void aToolboxThatAsksForConsentWaitsForItAndOpensOnceGiven() throws Exception {
        server = TestMcpServer.builder().start().consentRequired("tools/list");
        config.put("toolbox.graph.url", server.url());

        ToolboxRegistry registry = openAndWait("graph");

        assertEquals(ToolboxStatus.ConsentRequired, registry.overall());
        McpToolbox graph = registry.find("graph").orElseThrow();
        long listsAtStartup = lists(server);

        // Each request tries again itself, and is given the links it met: none are kept for the next one.
        for (int request = 1; request <= 2; request++) {
            ToolboxForRun found = registry.forRun(null).get(0);
            assertEquals(List.of(new ConsentLink("graph", TestMcpServer.consentLink())), found.consent());
            assertEquals(ToolboxStatus.ConsentRequired, graph.status());
            assertEquals(listsAtStartup + request, lists(server));
        }

        server.clearFaults();
        ToolboxForRun opened = registry.forRun(null).get(0);
        assertEquals(ToolboxStatus.Healthy, graph.status());
        assertEquals(ToolboxStatus.Healthy, registry.overall());
        assertTrue(opened.consent().isEmpty());
    }

    @Test
    void aToolboxThatAskedForConsentAndThenFailsIsDegradedWithNoConsentForAnyone() throws Exception {
        server = TestMcpServer.builder().start().consentRequired("tools/list");
        config.put("toolbox.graph.url", server.url());
        ToolboxRegistry registry = openAndWait("graph");
        assertEquals(ToolboxStatus.ConsentRequired, registry.overall());

        server.clearFaults().failAlways(503);
        ToolboxForRun retried = registry.forRun(null).get(0);

        assertEquals(ToolboxStatus.Degraded, retried.toolbox().status());
        assertTrue(retried.consent().isEmpty());
        assertTrue(retried.toolbox().reason().contains("503"), retried.toolbox().reason());
        assertEquals(ToolboxStatus.Degraded, registry.overall());
    }

    private static long lists(TestMcpServer server) {
        return server.recorded().stream().filter(r -> r.method().equals("POST") && r.body().contains("tools/list"))
                .count();
    }

    private static List<McpToolbox> toolboxes(List<ToolboxForRun> found) {
        return found.stream().map(ToolboxForRun::toolbox).toList();
    }

    @Test
    void aToolboxTheProxyDoesNotKnowIsUnhealthyInStrictModeAndDegradedOtherwise() throws Exception {
        // Answers every request with 404, as the proxy answers for a toolbox it does not know.
        server = TestMcpServer.builder().failAlways(404).start();
        config.put("FOUNDRY_PROJECT_ENDPOINT", server.url().replace("/mcp", ""));

        ToolboxRegistry strict = openAndWait("nosuch");
        assertEquals(ToolboxStatus.Unhealthy, strict.overall());
        assertTrue(strict.find("nosuch").orElseThrow().reason().contains("HTTP 404"),
                strict.find("nosuch").orElseThrow().reason());
        long posts = server.recorded().stream().filter(r -> r.method().equals("POST")).count();
        strict.forRun(null);
        assertEquals(posts, server.recorded().stream().filter(r -> r.method().equals("POST")).count(),
                "a configuration error is never retried");
        strict.close();

        registry = new ToolboxRegistry(List.of(new ToolboxRef("nosuch", null)),
                new ToolboxLocator(key -> Optional.ofNullable(config.get(key))), (ref, location) -> RequestHeaders.NONE,
                SETTINGS, Duration.ofSeconds(30), new MarkerToolboxes(4, Duration.ofMinutes(1), Clock.systemUTC()),
                false, Clock.systemUTC());
        registry.openAll(executor);
        awaitStartup(registry);
        assertEquals(ToolboxStatus.Degraded, registry.overall());
    }

    @Test
    void aMalformedUrlIsUnhealthyAndNoRetryChangesIt() {
        config.put("toolbox.broken.url", "http://exa mple/mcp");
        ToolboxRegistry registry = registry(Clock.systemUTC(), Duration.ofSeconds(30), "broken");

        registry.openAll(executor);
        registry.forRun(null);

        assertEquals(ToolboxStatus.Unhealthy, registry.overall());
    }

    @Test
    void nothingConfiguredIsNoEndpointAndHealthy() throws Exception {
        ToolboxRegistry registry = openAndWait("calendar", "mail");

        assertEquals(ToolboxStatus.NoEndpoint, registry.overall());
        assertTrue(toolboxes(registry.forRun(null)).stream().allMatch(t -> t.tools().isEmpty()));
    }

    @Test
    void anAgentGetsOnlyTheToolboxesItNames() throws Exception {
        server = TestMcpServer.builder().start();
        config.put("toolbox.a.url", server.url());
        config.put("toolbox.b.url", server.url());
        ToolboxRegistry registry = openAndWait("a", "b");

        assertEquals(List.of("b"), toolboxes(registry.forRun(Set.of("b"))).stream().map(McpToolbox::name).toList());
        assertEquals(2, registry.forRun(null).size());
    }

    @Test
    void aToolListChangeReachesTheCachedList() throws Exception {
        server = TestMcpServer.builder().start();
        config.put("toolbox.live.url", server.url());
        ToolboxRegistry registry = openAndWait("live");
        McpToolbox live = registry.find("live").orElseThrow();
        int before = live.tools().size();

        server.addTool("late_tool", "added later", "{\"type\":\"object\"}", call ->
                io.agenthost.testing.mcp.TestTool.Answer.text("late"));
        server.notifyToolsChanged();

        for (int i = 0; i < 100 && live.tools().size() == before; i++) {
            Thread.sleep(50);
        }
        assertTrue(live.tools().stream().anyMatch(t -> t.name().equals("late_tool")), live.tools().toString());
    }

    @Test
    void theToolboxHeadersAreStampedOnEveryRequest() throws Exception {
        server = TestMcpServer.builder().start();
        config.put("toolbox.calendar.url", server.url());
        registry = new ToolboxRegistry(List.of(new ToolboxRef("calendar", null)),
                new ToolboxLocator(key -> Optional.ofNullable(config.get(key))) {
                    @Override
                    public ToolboxLocation locate(ToolboxRef ref) {
                        return new ToolboxLocation(URI.create(server.url()), true, null);
                    }
                },
                (ref, location) -> (uri, run) -> Map.of("Authorization", "Bearer fake-azure-token", "Foundry-Features", "Toolboxes=V1Preview"),
                SETTINGS, Duration.ofSeconds(30), Clock.systemUTC());
        registry.openAll(executor);
        awaitStartup(registry);

        assertEquals("Bearer fake-azure-token", registry.find("calendar").orElseThrow()
                .call("whoami", "{}").output());
        assertTrue(server.recorded().stream().allMatch(r -> "Toolboxes=V1Preview".equals(r.header("Foundry-Features"))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
