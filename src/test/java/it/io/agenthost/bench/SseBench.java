package it.io.agenthost.bench;

import it.io.agenthost.TestServer;
import it.io.agenthost.bench.SseTimings.Figures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Locale;
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
        int events = SseTimings.events(http, post(agentBody));
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
        return SseTimings.run(http, request, WARMUP, RUNS);
    }
}
