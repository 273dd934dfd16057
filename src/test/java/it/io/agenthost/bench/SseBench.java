package it.io.agenthost.bench;

import it.io.agenthost.TestServer;
import it.io.agenthost.bench.SseTimings.Figures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: compares streaming an echo-model response with streaming the same number of events
 * from a bare SSE endpoint on the same server, one stream of each kind in turn, and prints time to first event and
 * events per second as ratios: against the bare endpoint taking the same request (a POST with the same body, which it
 * reads), and against it taking a GET. Run with {@code mvn -B verify -Pbench}.
 */
class SseBench {

    private static final int WARMUP = 200;
    private static final int RUNS = 500;

    /**
     * HTTP/1.1, as the OpenAI SDKs speak it to a server over plain HTTP; the JDK client's default would upgrade the
     * connection to HTTP/2 and carry every stream over it.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void timeToFirstEventAndEventsPerSecond() throws Exception {
        compare(32, WARMUP, RUNS);
        // A model's answer of some length: what storing costs per event rather than per response.
        compare(512, WARMUP / 4, RUNS / 5);
    }

    private void compare(int words, int warmup, int runs) throws Exception {
        String input = String.join(" ", Collections.nCopies(words, "word"));
        String agentBody = "{\"model\":\"assistant\",\"stream\":true,\"input\":\"" + input + "\"}";
        String agentBodyNoStore = "{\"model\":\"assistant\",\"stream\":true,\"store\":false,\"input\":\"" + input
                + "\"}";
        int events = SseTimings.events(http, post("/v1/responses", agentBody));
        String bareUri = "/bench/sse?events=" + (events - 1);
        HttpRequest bare = HttpRequest.newBuilder(URI.create(TestServer.BASE + bareUri)).GET().build();

        List<Figures> figures = SseTimings.interleaved(http, List.of(bare, post(bareUri, agentBody),
                post("/v1/responses", agentBody), post("/v1/responses", agentBodyNoStore)), warmup, runs);
        Figures bareGet = figures.get(0);
        Figures barePost = figures.get(1);
        Figures stored = figures.get(2);
        Figures notStored = figures.get(3);

        System.out.printf(Locale.ROOT, "%nSSE benchmark: %d sequential streams of %d events each of every kind, in"
                + " turn, after %d warm-up%n", runs, events, warmup);
        System.out.println(Figures.HEADER);
        System.out.println(bareGet.row("bare SSE endpoint, GET"));
        System.out.println(barePost.row("bare SSE endpoint, POST"));
        System.out.println(stored.row("echo agent, stored"));
        System.out.println(notStored.row("echo agent, store:false"));
        for (var base : List.of(Map.entry("bare POST (the same request)", barePost), Map.entry("bare GET", bareGet))) {
            Figures bareFigures = base.getValue();
            System.out.printf(Locale.ROOT, "ratio agent/%s, time to first event p50: %.2f (stored), %.2f"
                    + " (store:false); events per second: %.2f (stored), %.2f (store:false)%n", base.getKey(),
                    stored.ttfeP50() / bareFigures.ttfeP50(), notStored.ttfeP50() / bareFigures.ttfeP50(),
                    stored.eventsPerSecond() / bareFigures.eventsPerSecond(),
                    notStored.eventsPerSecond() / bareFigures.eventsPerSecond());
        }
        System.out.println();
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
