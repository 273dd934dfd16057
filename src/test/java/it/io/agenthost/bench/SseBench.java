package it.io.agenthost.bench;

import it.io.agenthost.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: compares streaming an echo-model response with streaming the same number of events
 * from a bare SSE endpoint on the same server, and prints time to first event and events per second as ratios.
 * Run with {@code mvn -B verify -Pbench}.
 */
class SseBench {

    private static final int WARMUP = 200;
    private static final int RUNS = 500;
    private static final String WORDS = String.join(" ", Collections.nCopies(32, "word"));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void timeToFirstEventAndEventsPerSecond() throws Exception {
        String agentBody = "{\"model\":\"assistant\",\"stream\":true,\"input\":\"" + WORDS + "\"}";
        String agentBodyNoStore = "{\"model\":\"assistant\",\"stream\":true,\"store\":false,\"input\":\"" + WORDS + "\"}";
        int events = measure(post(agentBody)).events;
        HttpRequest bare = HttpRequest.newBuilder(URI.create(TestServer.BASE + "/bench/sse?events=" + (events - 1)))
                .GET().build();

        Figures bareFigures = run(bare);
        Figures agentFigures = run(post(agentBody));
        Figures agentNoStoreFigures = run(post(agentBodyNoStore));

        System.out.printf(Locale.ROOT, "%nSSE benchmark: %d sequential streams of %d events each, after %d warm-up%n",
                RUNS, events, WARMUP);
        System.out.println(Figures.HEADER);
        System.out.println(bareFigures.row("bare SSE endpoint"));
        System.out.println(agentFigures.row("echo agent, stored"));
        System.out.println(agentNoStoreFigures.row("echo agent, store:false"));
        System.out.printf(Locale.ROOT, "ratio agent/bare, time to first event p50: %.2f (stored), %.2f (store:false)%n",
                agentFigures.ttfeP50() / bareFigures.ttfeP50(), agentNoStoreFigures.ttfeP50() / bareFigures.ttfeP50());
        System.out.printf(Locale.ROOT, "ratio agent/bare, events per second: %.2f (stored), %.2f (store:false)%n%n",
                agentFigures.eventsPerSecond() / bareFigures.eventsPerSecond(),
                agentNoStoreFigures.eventsPerSecond() / bareFigures.eventsPerSecond());
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private Figures run(HttpRequest request) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            measure(request);
        }
        List<Double> ttfe = new ArrayList<>();
        long events = 0;
        double seconds = 0;
        for (int i = 0; i < RUNS; i++) {
            Sample sample = measure(request);
            ttfe.add(sample.ttfeMillis);
            events += sample.events;
            seconds += sample.totalMillis / 1000.0;
        }
        Collections.sort(ttfe);
        return new Figures(ttfe.get(ttfe.size() / 2), ttfe.get((int) (ttfe.size() * 0.99)), events / seconds);
    }

    private Sample measure(HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        long first = 0;
        int events = 0;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("data: ")) {
                    if (events++ == 0) {
                        first = System.nanoTime();
                    }
                }
            }
        }
        long end = System.nanoTime();
        return new Sample((first - start) / 1e6, (end - start) / 1e6, events);
    }

    private record Sample(double ttfeMillis, double totalMillis, int events) {
    }

    private record Figures(double ttfeP50, double ttfeP99, double eventsPerSecond) {
        static final String HEADER = String.format(Locale.ROOT, "%-26s %14s %14s %14s", "stream", "ttfe p50 ms",
                "ttfe p99 ms", "events/s");

        String row(String name) {
            return String.format(Locale.ROOT, "%-26s %14.3f %14.3f %14.0f", name, ttfeP50, ttfeP99, eventsPerSecond);
        }
    }
}
