package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.testing.mcp.TestMcpServersControl;
import it.io.agenthost.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A request's MCP server misbehaving under a real Liberty: a test server of the MCP Java SDK that the control endpoint
 * turns bad, dies in the middle of a call, answers garbage, answers 429 and 503 in bursts, or answers after the
 * request timeout. Every stream ends with one terminal event carrying the call's error, readiness stays UP, the
 * server recovers when the MCP server does, and a thousand such runs leave behind no threads, file descriptors or
 * connections. Run against a server of each revision of MCP ({@link FaultsIT}, {@link StatelessFaultsIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class McpServerFaults {

    private static final TestMcpServersControl CONTROL = TestMcpServersControl.fromSystemProperties();
    private final String server;
    private final String url;
    private final int port;

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed", "response.incomplete");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param server the name of the test MCP server, whose URL is the system property mcp.test.{server}.url */
    McpServerFaults(String server) {
        this.server = server;
        this.url = System.getProperty("mcp.test." + server + ".url");
        this.port = URI.create(url).getPort();
    }

    @BeforeEach
    void healthy() {
        CONTROL.open(server);
        CONTROL.faults(server, "");
        CONTROL.reset(server);
    }

    /** A streamed run whose echo model calls one tool of faulty; with a token, the run has a session of its own. */
    private HttpRequest run(String call, String token) {
        JsonObjectBuilder tool = Json.createObjectBuilder().add("type", "mcp").add("server_label", "f")
                .add("server_url", url).add("require_approval", "never");
        if (token != null) {
            tool.add("authorization", token);
        }
        String body = Json.createObjectBuilder().add("model", "assistant").add("stream", true)
                .add("input", "/call f." + call).add("tools", Json.createArrayBuilder().add(tool)).build().toString();
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The one terminal event of a finished stream. */
    private static JsonObject terminal(HttpResponse<String> streamed) {
        assertEquals(200, streamed.statusCode(), streamed.body());
        List<JsonObject> events = TestServer.sseEvents(streamed.body());
        List<JsonObject> terminal = events.stream().filter(e -> TERMINAL.contains(e.getString("type"))).toList();
        assertEquals(1, terminal.size(), streamed.body());
        assertEquals(terminal.get(0), events.get(events.size() - 1), "the terminal event comes last");
        return terminal.get(0);
    }

    /** The single mcp_call item of the response the terminal event carries. */
    private static JsonObject mcpCall(JsonObject terminal) {
        List<JsonObject> calls = terminal.getJsonObject("response").getJsonArray("output")
                .getValuesAs(JsonObject.class).stream().filter(item -> item.getString("type").equals("mcp_call"))
                .toList();
        assertEquals(1, calls.size(), terminal.toString());
        return calls.get(0);
    }

    private JsonObject callOnce(String call, String token) throws Exception {
        return terminal(HTTP.send(run(call, token), HttpResponse.BodyHandlers.ofString()));
    }

    private void assertAnswers(String token) throws Exception {
        JsonObject done = callOnce("add {\"a\":1,\"b\":2}", token);
        assertEquals("response.completed", done.getString("type"));
        assertEquals("3", mcpCall(done).getString("output"), done.toString());
    }

    private static void assertFailedCall(JsonObject terminal, String expected) {
        assertEquals("response.completed", terminal.getString("type"), terminal.toString());
        JsonObject call = mcpCall(terminal);
        assertTrue(call.containsKey("error") && !call.isNull("error"), call.toString());
        String error = call.get("error").toString();
        assertTrue(error.contains(expected), error);
    }

    private static void assertReady() {
        assertEquals(200, TestServer.get("/health/ready").statusCode());
    }

    @Test
    @Order(1)
    void aServerThatDiesInTheMiddleOfACallEndsTheStreamWithTheCallsError() throws Exception {
        assertAnswers(null);
        CompletableFuture<HttpResponse<String>> running = HTTP.sendAsync(run("sleep {\"ms\":60000}", null),
                HttpResponse.BodyHandlers.ofString());
        Instant deadline = Instant.now().plusSeconds(30);
        while (CONTROL.requests(server).stream().noneMatch(r -> "tools/call".equals(r.rpcMethod()))) {
            assertTrue(Instant.now().isBefore(deadline), "the call never reached the server");
            Thread.sleep(50);
        }

        CONTROL.close(server);

        // far sooner than the 60 s the tool would have slept: the stream ends when the connection does
        JsonObject done = terminal(running.get(30, TimeUnit.SECONDS));
        assertFailedCall(done, "sleep");
        assertReady();
        CONTROL.open(server);
        assertAnswers(null);
    }

    @Test
    @Order(2)
    void garbageInsteadOfAnAnswerIsTheCallsError() throws Exception {
        CONTROL.faults(server, "garbage=tools/call");

        assertFailedCall(callOnce("add {\"a\":1,\"b\":2}", null), "add");
        assertFailedCall(callOnce("add {\"a\":1,\"b\":2}", "Bearer own-session-" + UUID.randomUUID()), "add");
        assertReady();

        CONTROL.faults(server, "");
        assertAnswers(null);
    }

    @Test
    @Order(3)
    void aShortBurstOf429IsRetriedAndALongOneOf503EndsAsTheCallsError() throws Exception {
        assertAnswers(null);
        CONTROL.reset(server);
        CONTROL.faults(server, "failFirst=2,429,0");
        assertAnswers(null);
        long refused = CONTROL.requests(server).stream().filter(r -> "tools/call".equals(r.rpcMethod())).count();
        assertEquals(3, refused, "two refused calls, then the one that went through");

        CONTROL.faults(server, "failAlways=503");
        assertFailedCall(callOnce("add {\"a\":1,\"b\":2}", null), "503");
        assertReady();
        CONTROL.faults(server, "");
        assertAnswers(null);
    }

    @Test
    @Order(4)
    void anAnswerLaterThanTheRequestTimeoutIsTheCallsError() throws Exception {
        long timeoutMillis = Duration.parse(System.getProperty("agent.mcp.request-timeout")).toMillis();

        JsonObject done = callOnce("sleep {\"ms\":" + (timeoutMillis + 5000) + "}", null);

        assertFailedCall(done, "sleep");
        assertReady();
        assertAnswers(null);
    }

    /**
     * Phases of 200 runs, eight at a time, each with one kind of fault; half the runs bring a token, so that they
     * open an MCP session (and an HTTP client) of their own. The census is taken after a warm-up with the same
     * mix, so that pools that grow to the load are counted in both.
     */
    @Test
    @Order(5)
    void aThousandFaultyRunsLeaveNoThreadsDescriptorsOrConnectionsBehind() throws Exception {
        long pid = TestServer.libertyPid().orElseThrow();
        List<String> phases = List.of("", "garbage=tools/call", "failAlways=503", "closed", "failFirst=1,429,0");
        for (String phase : phases) {
            runPhase(phase, 20);
        }
        healthy();
        ProcessCensus before = ProcessCensus.of(pid, port);

        Map<String, Integer> outcomes = new TreeMap<>();
        for (String phase : phases) {
            outcomes.putAll(runPhase(phase, 200));
        }
        healthy();
        assertAnswers(null);
        ProcessCensus after = ProcessCensus.of(pid, port);

        System.out.printf("%s: 1,000 runs %s; before: %s; after: %s%n", getClass().getSimpleName(), outcomes, before,
                after);
        assertEquals(1000, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(after.httpClientThreads() <= before.httpClientThreads() + 2, before + " -> " + after);
        assertTrue(after.threads() <= before.threads() + 10, before + " -> " + after);
        assertTrue(after.fileDescriptors() <= before.fileDescriptors() + 10, before + " -> " + after);
        assertTrue(after.connections() <= before.connections() + 2, before + " -> " + after);
        assertReady();
    }

    /** Runs {@code count} calls under one fault; answers how many ended as which terminal event, by phase. */
    private Map<String, Integer> runPhase(String fault, int count) throws Exception {
        if (fault.equals("closed")) {
            CONTROL.close(server);
        } else {
            CONTROL.open(server);
            CONTROL.faults(server, fault);
        }
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String token = i % 2 == 0 ? null : "Bearer faults-" + i + "-" + UUID.randomUUID();
                        JsonObject done = callOnce("add {\"a\":" + i + ",\"b\":1}", token);
                        outcomes.merge((fault.isEmpty() ? "healthy" : fault) + " " + done.getString("type"), 1,
                                Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> run : running) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return outcomes;
    }
}
