package it.io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.bench.SseTimings;
import it.io.agenthost.bench.SseTimings.Figures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a test: the same server (replica A's configuration) started in turn on PostgreSQL and on Derby,
 * three times each, streaming stored echo responses one after another; prints time to first event and events per
 * second of each store and their ratio. Run with {@code mvn -B verify -Pbench}.
 */
class StoreBench {

    private static final int WARMUP = 100;
    private static final int RUNS = 300;
    private static final int ROUNDS = 3;
    private static final String WORDS = String.join(" ", Collections.nCopies(32, "word"));

    @Test
    void storedStreamsOnPostgresqlAgainstDerby() throws Exception {
        Replica server = Replica.a();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> postgresql = Replica.postgresql(Base64.getEncoder().encodeToString(key));
        Map<String, String> derby = new HashMap<>(postgresql);
        derby.put("STORE", "derby");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest stored = HttpRequest.newBuilder(URI.create(server.base() + "/v1/responses"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"assistant\",\"stream\":true,\"input\":\"" + WORDS + "\"}")).build();

        Map<String, List<Figures>> figures = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Map<String, String>> store : List.of(Map.entry("postgresql", postgresql),
                    Map.entry("derby", derby))) {
                assertTrue(server.launch(store.getValue()).waitFor(120, TimeUnit.SECONDS));
                try {
                    assertTrue(server.awaitApplication(Duration.ofSeconds(180)), "the server started on " + store);
                    figures.computeIfAbsent(store.getKey(), k -> new ArrayList<>())
                            .add(SseTimings.run(http, stored, WARMUP, RUNS));
                } finally {
                    server.stop();
                }
            }
        }

        Figures pg = median(figures.get("postgresql"));
        Figures db = median(figures.get("derby"));
        System.out.printf(Locale.ROOT, "%nStored echo streams, %d after %d warm-up, the same server on each store,"
                + " %d rounds (medians of the rounds)%n", RUNS, WARMUP, ROUNDS);
        System.out.println(Figures.HEADER);
        System.out.println(pg.row("stored on PostgreSQL"));
        System.out.println(db.row("stored on Derby"));
        figures.forEach((store, rounds) -> rounds.forEach(f -> System.out.println(f.row("  round, " + store))));
        System.out.printf(Locale.ROOT,
                "ratio PostgreSQL/Derby: time to first event p50 %.2f, events per second %.2f%n%n",
                pg.ttfeP50() / db.ttfeP50(), pg.eventsPerSecond() / db.eventsPerSecond());
    }

    private static Figures median(List<Figures> rounds) {
        return new Figures(median(rounds, Figures::ttfeP50), median(rounds, Figures::ttfeP99),
                median(rounds, Figures::eventsPerSecond));
    }

    private static double median(List<Figures> rounds, ToDoubleFunction<Figures> value) {
        List<Double> sorted = rounds.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
