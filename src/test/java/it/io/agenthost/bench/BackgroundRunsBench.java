package it.io.agenthost.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: 1,000 background responses created at once, each calling the {@code sleep} tool of a
 * test MCP server for 500 ms. Prints how long the creates took, how many responses ended and how (none may be lost),
 * the wall time to the last end, and the server's live threads before and at their peak: background runs take
 * turns on a bounded executor, so the threads must not grow with the runs. Run with {@code mvn -B verify -Pbench}.
 */
class BackgroundRunsBench {

    private static final int RUNS = 1000;
    private static final int SLEEP_MS = 500;
    private static final String SLOW = System.getProperty("mcp.test.healthy.url");

    @Test
    void thousandBackgroundRunsCreatedAtOnce() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(32)).connectTimeout(Duration.ofSeconds(30)).build();
        Path status = Path.of("/proc", TestServer.libertyPid().orElseThrow().toString(), "status");
        long threadsBefore = threads(status);
        AtomicLong peakThreads = new AtomicLong(threadsBefore);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakThreads.accumulateAndGet(threads(status), Math::max), 0, 50,
                TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            creates.add(http.sendAsync(create(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> ids = new ArrayList<>();
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> create : creates) {
            HttpResponse<String> answer = create.get(5, TimeUnit.MINUTES);
            if (answer.statusCode() == 200) {
                ids.add(TestServer.json(answer.body()).getString("id"));
            } else {
                refused++;
            }
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, String> ended = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (ended.size() < ids.size() && System.nanoTime() < deadline) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    JsonObject response = TestServer.json(TestServer.get("/v1/responses/" + id + "?agent=assistant")
                            .body());
                    String state = response.getString("status");
                    if (!state.equals("queued") && !state.equals("in_progress")) {
                        ended.put(id, state);
                    }
                }
            }
            Thread.sleep(250);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        sampler.shutdownNow();
        long completed = ended.values().stream().filter("completed"::equals).count();

        System.out.printf(Locale.ROOT, "%n%d background runs created at once, one %d ms MCP call each%n", RUNS,
                SLEEP_MS);
        System.out.printf(Locale.ROOT, "creates: %d answered in %.1f s, %d refused%n", ids.size(), createSeconds,
                refused);
        System.out.printf(Locale.ROOT, "ended %d (completed %d, other %d), lost %d, wall to the last end %.1f s%n",
                ended.size(), completed, ended.size() - completed, ids.size() - ended.size(), wallSeconds);
        System.out.printf(Locale.ROOT, "server live threads: %d before, %d at peak%n%n", threadsBefore,
                peakThreads.get());
        assertEquals(RUNS, ended.size(), "every background response ends");
        assertEquals(RUNS, completed, "every background run completes its MCP call");
    }

    private static HttpRequest create() {
        String body = "{\"model\":\"assistant\",\"background\":true,\"input\":\"/call slow.sleep {\\\"ms\\\":"
                + SLEEP_MS + "}\",\"tools\":[{\"type\":\"mcp\",\"server_label\":\"slow\",\"server_url\":\"" + SLOW
                + "\",\"require_approval\":\"never\"}]}";
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static long threads(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("Threads:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
