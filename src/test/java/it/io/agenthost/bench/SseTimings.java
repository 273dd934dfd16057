package it.io.agenthost.bench;

import it.io.agenthost.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/** Times Server-Sent Event streams as a client reads them: time to the first event, and events per second. */
public final class SseTimings {

    /** The last event of a stream that ran to its end: the agent's, the bare endpoint's. */
    private static final Set<String> COMPLETE = Set.of("response.completed", "bench.done");

    private SseTimings() {
    }

    /** Sends the request {@code warmup} times unmeasured, then {@code runs} times one after another. */
    public static Figures run(HttpClient http, HttpRequest request, int warmup, int runs) throws Exception {
        return interleaved(http, List.of(request), warmup, runs).get(0);
    }

    /**
     * Sends each request {@code warmup} times unmeasured, then {@code runs} rounds of one stream of each, in an order
     * shuffled each round: the streams compared share the machine's moments, whatever else it does meanwhile, and
     * each follows every other as often, so that what one leaves behind on the server weighs on all alike.
     *
     * @return the figures of each request, in the order given
     */
    public static List<Figures> interleaved(HttpClient http, List<HttpRequest> requests, int warmup, int runs)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (HttpRequest request : requests) {
                measure(http, request);
            }
        }
        List<List<Sample>> samples = new ArrayList<>();
        requests.forEach(request -> samples.add(new ArrayList<>()));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        Random shuffle = new Random(20261206L);
        for (int round = 0; round < runs; round++) {
            Collections.shuffle(order, shuffle);
            for (int which : order) {
                samples.get(which).add(measure(http, requests.get(which)));
            }
        }
        return samples.stream().map(SseTimings::figures).toList();
    }

    private static Figures figures(List<Sample> samples) {
        List<Double> ttfe = new ArrayList<>();
        long events = 0;
        double seconds = 0;
        for (Sample sample : samples) {
            ttfe.add(sample.ttfeMillis);
            events += sample.events;
            seconds += sample.totalMillis / 1000.0;
        }
        Collections.sort(ttfe);
        return new Figures(ttfe.get(ttfe.size() / 2), ttfe.get((int) (ttfe.size() * 0.99)), events / seconds);
    }

    /** The number of events of one stream. */
    public static int events(HttpClient http, HttpRequest request) throws Exception {
        return measure(http, request).events;
    }

    private static Sample measure(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        long first = 0;
        int events = 0;
        String last = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("data: ")) {
                    if (events++ == 0) {
                        first = System.nanoTime();
                    }
                    last = line;
                }
            }
        }
        long end = System.nanoTime();
        String type = last == null ? null : TestServer.json(last.substring("data: ".length())).getString("type");
        if (type == null || !COMPLETE.contains(type)) {
            throw new IllegalStateException("a stream ended with " + type + ", not as a complete one: " + last);
        }
        return new Sample((first - start) / 1e6, (end - start) / 1e6, events);
    }

    private record Sample(double ttfeMillis, double totalMillis, int events) {
    }

    /** Time to first event at the median and the 99th percentile, in milliseconds, and events per second. */
    public record Figures(double ttfeP50, double ttfeP99, double eventsPerSecond) {
        public static final String HEADER = String.format(Locale.ROOT, "%-26s %14s %14s %14s", "stream",
                "ttfe p50 ms", "ttfe p99 ms", "events/s");

        public String row(String name) {
            return String.format(Locale.ROOT, "%-26s %14.3f %14.3f %14.0f", name, ttfeP50, ttfeP99, eventsPerSecond);
        }
    }
}
