package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.AgentRunner;
import io.agenthost.agent.MarkerPolicy;
import io.agenthost.agent.RequestServers;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.EchoModel;
import io.agenthost.run.ConsentSignal;
import io.agenthost.run.RunTokens;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.testing.TestAgents;
import io.agenthost.testing.mcp.TestMcpServer;
import io.agenthost.testing.telemetry.OtlpReceiver;
import io.agenthost.toolbox.ToolboxLocator;
import io.agenthost.toolbox.ToolboxRegistry;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: what telemetry costs the host, with a real OpenTelemetry SDK exporting spans and metrics
 * over OTLP/HTTP to a real receiver, against telemetry off, side by side in one run. Two figures: the host's cost per
 * MCP tool call (one session, the calls in a row), and the time from the start of a streamed response to its first
 * text delta (a run that opens and lists a request MCP server, then calls the model: the spans {@code invoke_agent},
 * {@code initialize}, {@code tools/list} and {@code chat}). Runs in the test JVM against loopback servers on free
 * ports, so it needs no Liberty; rounds alternate which side goes first. Run with {@code mvn -B verify -Pbench}.
 */
class TelemetryOverheadBench {

    private static final int ROUNDS = 5;
    private static final int CALLS = 1000;
    private static final int RUNS = 200;

    @Test
    void exportOnAgainstOff() throws Exception {
        try (TestMcpServer server = TestMcpServer.builder().start();
                OtlpReceiver receiver = OtlpReceiver.start("127.0.0.1", 0)) {
            OpenTelemetrySdk sdk = sdk(receiver.port());
            AgentTelemetry on = new AgentTelemetry(sdk.getTracer("agent-host"), sdk.getMeter("agent-host"), false);
            AgentTelemetry off = AgentTelemetry.disabled();
            measure("warm-up", server, on, off, 1);
            List<Double> callRatios = new ArrayList<>();
            List<Double> firstDeltaRatios = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double[] figures = measure("round " + (round + 1), server, on, off, round);
                callRatios.add(figures[1] / figures[0]);
                firstDeltaRatios.add(figures[3] / figures[2]);
            }
            sdk.close();
            System.out.printf(Locale.ROOT, "telemetry on / off, median of %d rounds: per MCP call %.3f, to the first"
                    + " text delta %.3f%n%n", ROUNDS, median(callRatios), median(firstDeltaRatios));
            String spans = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + receiver.port() + "/spans")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(spans.contains("tools/call add") && spans.contains("invoke_agent"), "the spans were exported");
        }
    }

    /** @return mean µs per call off and on, median µs to the first delta off and on */
    private static double[] measure(String name, TestMcpServer server, AgentTelemetry on, AgentTelemetry off,
            int round) throws Exception {
        boolean onFirst = round % 2 == 1;
        double[] figures = new double[4];
        for (boolean telemetry : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
            AgentTelemetry chosen = telemetry ? on : off;
            figures[telemetry ? 1 : 0] = perCall(server, chosen);
            figures[telemetry ? 3 : 2] = toFirstDelta(server, chosen);
        }
        System.out.printf(Locale.ROOT, "%s: per MCP call off %.0f us, on %.0f us; to the first text delta off %.0f us,"
                + " on %.0f us%n", name, figures[0], figures[1], figures[2], figures[3]);
        return figures;
    }

    private static double perCall(TestMcpServer server, AgentTelemetry telemetry) {
        try (McpConnection connection = McpConnection.open(new McpEndpoint("bench", URI.create(server.url()),
                RequestHeaders.NONE), settings(telemetry), null)) {
            for (int i = 0; i < 100; i++) {
                connection.call("add", "{\"a\":1,\"b\":2}");
            }
            long started = System.nanoTime();
            McpCallResult last = null;
            for (int i = 0; i < CALLS; i++) {
                last = connection.call("add", "{\"a\":1,\"b\":2}");
            }
            double micros = (System.nanoTime() - started) / 1e3 / CALLS;
            assertEquals(new McpCallResult("3", false), last, "the calls were answered");
            return micros;
        }
    }

    private static double toFirstDelta(TestMcpServer server, AgentTelemetry telemetry) {
        McpClientSettings settings = settings(telemetry);
        ToolboxRegistry noToolboxes = new ToolboxRegistry(List.of(), new ToolboxLocator(key -> Optional.empty()),
                (ref, location) -> RequestHeaders.NONE, settings, Duration.ZERO, Clock.systemUTC());
        AgentRunner runner = new AgentRunner(new EchoModel(), noToolboxes,
                new RequestServers(settings, new RunTokens(List.of(), Clock.systemUTC())), Runnable::run,
                new MarkerPolicy(true, Set.of()), new ConsentSignal(), telemetry);
        ResponseService service = new ResponseService(new AgentCatalog(List.of(TestAgents.ASSISTANT),
                name -> Optional.empty()), runner, MemoryResponses.keyedByAgent(), null, () -> null,
                Optional.empty(), Duration.ZERO, telemetry);
        byte[] body = ("{\"input\":\"hello from the bench\",\"store\":false,\"tools\":[{\"type\":\"mcp\","
                + "\"server_label\":\"rec\",\"server_url\":\"" + server.url() + "\",\"require_approval\":\"never\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        RequestParser parser = new RequestParser(new ServerUrlPolicy(true));
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            long[] first = new long[1];
            service.stream(service.prepare(parser.parse(body)), (type, fields) -> {
                if (first[0] == 0 && type.equals("response.output_text.delta")) {
                    first[0] = System.nanoTime();
                }
            });
            assertTrue(first[0] != 0, "the run streamed no text");
            times.add((first[0] - started) / 1e3);
        }
        return median(times);
    }

    private static McpClientSettings settings(AgentTelemetry telemetry) {
        return new McpClientSettings("agent-host-bench", "1", Duration.ofSeconds(10), Duration.ofSeconds(60),
                new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30)), null, null, telemetry);
    }

    private static OpenTelemetrySdk sdk(int receiverPort) {
        String base = "http://127.0.0.1:" + receiverPort;
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build()).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.builder(
                        OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").build())
                        .setInterval(Duration.ofSeconds(1)).build()).build())
                .build();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
