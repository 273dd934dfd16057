package it.io.agenthost.bench;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: 1,000 streamed runs started at once, each with a token of its own for a request MCP
 * server (the test server {@code healthy}) whose {@code whoami} tool answers with the token it received. Prints
 * errors, cross-talk, throughput, latency and the server's peak resident memory. Run with {@code mvn -B verify -Pbench}.
 */
class ConcurrentRunsBench {

    private static final int RUNS = 1000;
    private static final String RECORDER = System.getProperty("mcp.test.healthy.url");

    @Test
    void thousandConcurrentRunsWithDistinctTokens() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(64))
                .connectTimeout(Duration.ofSeconds(30)).build();
        Optional<Path> serverProcess = TestServer.libertyPid().map(pid -> Path.of("/proc", pid.toString(), "status"));
        AtomicLong peakRss = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        serverProcess.ifPresent(status -> sampler.scheduleAtFixedRate(() -> peakRss.accumulateAndGet(rssKb(status),
                Math::max), 0, 100, TimeUnit.MILLISECONDS));
        long baseline = serverProcess.map(ConcurrentRunsBench::rssKb).orElse(0L);

        List<String> tokens = new ArrayList<>();
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            String token = "bench-" + i + "-" + UUID.randomUUID();
            tokens.add(token);
            long sent = System.nanoTime();
            runs.add(http.sendAsync(request(token), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Result(response.statusCode(), response.body(),
                            (System.nanoTime() - sent) / 1e6))
                    .exceptionally(e -> new Result(-1, e.toString(), (System.nanoTime() - sent) / 1e6)));
        }
        int errors = 0;
        int crossTalk = 0;
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Result result = runs.get(i).get(10, TimeUnit.MINUTES);
            latencies.add(result.millis);
            if (result.status != 200) {
                errors++;
                continue;
            }
            List<JsonObject> events = TestServer.sseEvents(result.body);
            JsonObject last = events.get(events.size() - 1);
            if (!last.getString("type").equals("response.completed")) {
                errors++;
            } else if (!last.toString().contains("\"Bearer " + tokens.get(i) + "\"")) {
                crossTalk++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.shutdownNow();
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "%n%d concurrent streamed runs, distinct tokens, one MCP call each%n", RUNS);
        System.out.printf(Locale.ROOT, "errors %d, cross-talk %d, wall %.1f s, throughput %.0f runs/s%n", errors,
                crossTalk, seconds, RUNS / seconds);
        System.out.printf(Locale.ROOT, "latency p50 %.0f ms, p99 %.0f ms%n", latencies.get(RUNS / 2),
                latencies.get((int) (RUNS * 0.99)));
        System.out.printf(Locale.ROOT, "server resident memory: %d MiB before, %d MiB peak%n%n", baseline / 1024,
                peakRss.get() / 1024);
    }

    private static HttpRequest request(String token) {
        String body = "{\"model\":\"assistant\",\"stream\":true,\"store\":false,\"input\":\"/call rec.whoami {}\","
                + "\"tools\":[{\"type\":\"mcp\",\"server_label\":\"rec\",\"server_url\":\"" + RECORDER + "\","
                + "\"authorization\":\"" + token + "\",\"require_approval\":\"never\"}]}";
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static long rssKb(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private record Result(int status, String body, double millis) {
    }
}
