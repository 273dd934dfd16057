package it.io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.testing.mcp.TestTools;
import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Liberty servers on one real PostgreSQL (README: Storage and replicas), started at the same moment on an empty
 * database, as a load balancer's replicas: whatever one began, the other reads, continues, replays, cancels or
 * completes. A's OAuth redirect base is B, so a consent begun on A comes back to B, as it may behind a load
 * balancer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final Replica A = Replica.a();
    private static final Replica B = Replica.b();
    private static final String HEALTHY = System.getProperty("mcp.test.healthy.url");
    private static final String PROTECTED = System.getProperty("mcp.test.protected.url");
    private static final String CONTROL = System.getProperty("mcp.test.control.url");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\[[^\\]]+\\] \\S+ \\S+ +E ");
    private static final String TOKEN_KEY = randomKey();

    @BeforeAll
    static void startBothAtOnceOnAnEmptyDatabase() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("it.replicas.skip"), "-Dit.replicas.skip=true");
        Map<String, String> environment = Replica.postgresql(TOKEN_KEY);
        Process a = A.launch(environment);
        Process b = B.launch(environment);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertTrue(A.awaitApplication(Duration.ofSeconds(180)), "replica A started");
        assertTrue(B.awaitApplication(Duration.ofSeconds(180)), "replica B started");
        for (Replica replica : List.of(A, B)) {
            String log = Files.readString(replica.messagesLog());
            assertFalse(ERROR_LINE.matcher(log).find(), replica + " logged an error while both created the schema:\n"
                    + log);
        }
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (Boolean.getBoolean("it.replicas.skip")) {
            return;
        }
        A.stop();
        B.stop();
    }

    @Test
    @Order(1)
    void aResponseMadeOnOneIsReadContinuedListedAndDeletedOnTheOther() {
        JsonObject made = created(A.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"the number is 7\"}"));
        String id = made.getString("id");

        JsonObject read = ok(B.get("/v1/responses/" + id + "?agent=assistant"));
        assertEquals(made.getJsonArray("output"), read.getJsonArray("output"));
        JsonObject alone = created(B.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"which number?\"}"));
        JsonObject continued = created(B.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"which number?\","
                + "\"previous_response_id\":\"" + id + "\"}"));
        assertEquals(id, continued.getString("previous_response_id"));
        // The history A stored is part of what B sent the model.
        assertTrue(inputTokens(continued) > inputTokens(alone), continued.toString());
        JsonObject items = ok(B.get("/v1/responses/" + id + "/input_items?agent=assistant"));
        assertTrue(items.getJsonArray("data").toString().contains("the number is 7"), items.toString());

        String conversation = ok(A.post("/v1/conversations", "{}")).getString("id");
        created(A.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"a plum\",\"conversation\":\""
                + conversation + "\"}"));
        created(B.post("/v1/responses", "{\"model\":\"assistant\",\"input\":\"a pear\",\"conversation\":\""
                + conversation + "\"}"));
        String conversationItems = ok(A.get("/v1/conversations/" + conversation + "/items?agent=assistant&order=asc"))
                .getJsonArray("data").toString();
        assertTrue(conversationItems.indexOf("a plum") >= 0
                && conversationItems.indexOf("a plum") < conversationItems.indexOf("a pear"), conversationItems);

        JsonObject deleted = ok(B.delete("/v1/responses/" + id + "?agent=assistant"));
        assertTrue(deleted.getBoolean("deleted"));
        assertEquals(404, A.get("/v1/responses/" + id + "?agent=assistant").statusCode());
    }

    @Test
    @Order(2)
    void aConsentBegunOnOneCompletesThroughACallbackOnTheOther() throws Exception {
        String prompt = "{\"model\":\"assistant\",\"input\":\"/call prot.add {\\\"a\\\":20,\\\"b\\\":22}\","
                + "\"tools\":[{\"type\":\"mcp\",\"server_label\":\"prot\",\"server_url\":\"" + PROTECTED + "\","
                + "\"require_approval\":\"never\"}]}";
        JsonObject asked = ok(A.post("/v1/responses", prompt));
        assertEquals("incomplete", asked.getString("status"), asked.toString());
        String link = asked.getJsonArray("output").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("type").equals("oauth_consent_request")).findFirst().orElseThrow()
                .getString("consent_link");

        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(B.base() + "/oauth/callback", page.uri().toString().replaceAll("\\?.*", ""));

        JsonObject answered = ok(A.post("/v1/responses", prompt));
        assertEquals("completed", answered.getString("status"), answered.toString());
        assertTrue(answered.toString().contains("add returned: 42"), answered.toString());
    }

    @Test
    @Order(3)
    void aBackgroundRunOnOneIsReplayedAndCancelledFromTheOther() throws Exception {
        String id = sleepingOnA(30000);
        int abandonedBefore = abandonedSleeps();
        CompletableFuture<HttpResponse<String>> replay = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create(B.base() + "/v1/responses/" + id + "?agent=assistant&stream=true&starting_after=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        assertFalse(replay.isDone(), "B follows the run that A is running");

        Instant cancelledAt = Instant.now();
        JsonObject cancelled = ok(B.post("/v1/responses/" + id + "/cancel?agent=assistant", ""));
        assertEquals("cancelled", cancelled.getString("status"));

        List<JsonObject> events = TestServer.sseEvents(replay.get(20, TimeUnit.SECONDS).body());
        assertEquals(1, events.get(0).getInt("sequence_number"), "the replay starts after the event asked for");
        for (int i = 1; i < events.size(); i++) {
            assertEquals(events.get(i - 1).getInt("sequence_number") + 1, events.get(i).getInt("sequence_number"));
        }
        // OpenAI's stream has no event of its own for a cancel: the response it carries says it.
        JsonObject terminal = events.get(events.size() - 1);
        assertEquals("response.failed", terminal.getString("type"));
        assertEquals("cancelled", terminal.getJsonObject("response").getString("status"));
        // A learns of the cancel from the database and abandons the MCP call in flight.
        Instant deadline = cancelledAt.plus(Duration.ofSeconds(10));
        while (abandonedSleeps() == abandonedBefore && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(abandonedBefore + 1, abandonedSleeps(), "A abandoned the call of the response B cancelled");
        assertEquals("cancelled", ok(A.get("/v1/responses/" + id + "?agent=assistant")).getString("status"));
    }

    @Test
    @Order(4)
    void aThousandStreamedRunsOverBothWithAStoppedDatabaseLoseNothing() throws Exception {
        int runs = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<String> prints = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < runs; i++) {
            String token = "replica-" + i + "-" + UUID.randomUUID();
            prints.add(TestTools.fingerprint("Bearer " + token));
            Replica replica = i % 2 == 0 ? A : B;
            streams.add(http.sendAsync(HttpRequest.newBuilder(URI.create(replica.base() + "/v1/responses"))
                    .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\",\"stream\":true,"
                            + "\"input\":\"/call h.fingerprint {}\"," + healthy(token) + "}")).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> ended.incrementAndGet()));
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (ended.get() < runs / 10 && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        int endedBeforeOutage = ended.get();
        Instant down = Instant.now();
        cluster("stop");
        Duration stopping = Duration.between(down, Instant.now());
        Thread.sleep(3000);
        Instant starting = Instant.now();
        cluster("start");
        Duration outage = Duration.between(down, Instant.now());
        Duration start = Duration.between(starting, Instant.now());

        int errors = 0;
        int crossTalk = 0;
        List<String> ids = new ArrayList<>();
        List<List<JsonObject>> sent = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            HttpResponse<String> stream = streams.get(i).get(5, TimeUnit.MINUTES);
            List<JsonObject> events = stream.statusCode() == 200 ? TestServer.sseEvents(stream.body()) : List.of();
            JsonObject last = events.isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : events.get(events.size() - 1);
            // The MCP server answers with the fingerprint of the credential it got, which can be stored.
            String answer = last.toString();
            String expected = "fingerprint returned: " + prints.get(i);
            if (answer.contains("fingerprint returned: ") && !answer.contains(expected)) {
                crossTalk++;
                problems.add("run " + i + " answered " + last);
            } else if (!"response.completed".equals(last.getString("type", null))
                    || !answer.contains(expected)) {
                errors++;
                problems.add(stream.statusCode() + " " + last);
            } else {
                ids.add(last.getJsonObject("response").getString("id"));
                sent.add(events);
            }
        }
        pool.shutdown();
        System.out.printf("ReplicasIT: %d streamed runs over two replicas, PostgreSQL stopped for 3 s after %d had"
                + " ended (away %d ms: %d ms to stop, %d ms to start): %d errors, %d cross-talk%n", runs,
                endedBeforeOutage, outage.toMillis(), stopping.toMillis(), start.toMillis(), errors, crossTalk);
        assertTrue(endedBeforeOutage < runs / 2, "the database stopped while most runs were under way");
        assertEquals(0, errors, String.join("\n", problems.subList(0, Math.min(5, problems.size()))));
        assertEquals(0, crossTalk, String.join("\n", problems));

        // Every response, stored by the replica that ran it, is complete when read through the other, and every
        // tenth stream replays there event for event.
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Replica other = i % 2 == 0 ? B : A;
            HttpResponse<String> read = other.get("/v1/responses/" + ids.get(i) + "?agent=assistant");
            if (read.statusCode() != 200 || !TestServer.json(read.body()).getString("status").equals("completed")) {
                missing.add(ids.get(i) + ": " + read.statusCode());
            } else if (i % 10 == 0 && !sent.get(i).equals(TestServer.sseEvents(
                    other.get("/v1/responses/" + ids.get(i) + "?agent=assistant&stream=true").body()))) {
                missing.add(ids.get(i) + ": its replay differs from its stream");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    @Order(5)
    void aLongerOutageIsA503OrAFailedStreamAndStoresNothing() throws Exception {
        long before = storedResponses();
        cluster("stop");
        try {
            CompletableFuture<HttpResponse<String>> streamed = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(B.base() + "/v1/responses")).header("Content-Type",
                            "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"assistant\",\"stream\":true,\"input\":\"too long an outage\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = A.post("/v1/responses",
                    "{\"model\":\"assistant\",\"input\":\"too long an outage\"}");
            assertEquals(503, refused.statusCode(), refused.body());
            JsonObject error = TestServer.json(refused.body()).getJsonObject("error");
            assertEquals("storage_unavailable", error.getString("code"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            List<JsonObject> events = TestServer.sseEvents(streamed.get(60, TimeUnit.SECONDS).body());
            assertEquals(List.of("response.created", "response.failed"),
                    events.stream().map(e -> e.getString("type")).toList());
            assertEquals("storage_unavailable", events.get(1).getJsonObject("response").getJsonObject("error")
                    .getString("code"));
            assertEquals(200, A.get("/health/live").statusCode());
        } finally {
            cluster("start");
        }
        assertEquals(before, storedResponses());
        assertEquals("completed", created(A.post("/v1/responses",
                "{\"model\":\"assistant\",\"input\":\"after the outage\"}")).getString("status"));
    }

    @Test
    @Order(6)
    void theBackgroundRunsOfAKilledReplicaAreEndedByTheOther() throws Exception {
        String id = sleepingOnA(60000);

        A.kill();
        Instant killed = Instant.now();
        JsonObject failed = awaitStatus(B, id, "failed", Duration.ofSeconds(30));

        assertEquals("server_restarted", failed.getJsonObject("error").getString("code"));
        // The lease is 6 s; B looks every 1.5 s.
        assertTrue(Duration.between(killed, Instant.now()).compareTo(Duration.ofSeconds(12)) < 0);
    }

    @Test
    @Order(7)
    void aReplicaWhoseTokenKeyCannotOpenTheOthersGrantsRefusesToStart() throws Exception {
        String message = "sealed with another token key";
        A.launch(Replica.postgresql(randomKey())).waitFor(120, TimeUnit.SECONDS);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            String log = "";
            while (!log.contains(message) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                log = Files.exists(A.messagesLog()) ? Files.readString(A.messagesLog()) : "";
            }
            assertTrue(log.contains(message), log);
            assertTrue(log.contains("agent.oauth.token-key"), log);
            assertEquals(404, A.get("/v1/models").statusCode(), "the application is not served");
        } finally {
            A.stop();
        }
    }

    /** A background response on A whose MCP call sleeps that long, once B reads it in progress. */
    private static String sleepingOnA(int millis) throws InterruptedException {
        String id = ok(A.post("/v1/responses", "{\"model\":\"assistant\",\"background\":true,"
                + "\"input\":\"/call h.sleep {\\\"ms\\\":" + millis + "}\"," + healthy(null) + "}"))
                .getString("id");
        awaitStatus(B, id, "in_progress", Duration.ofSeconds(30));
        return id;
    }

    private static String healthy(String token) {
        return "\"tools\":[{\"type\":\"mcp\",\"server_label\":\"h\",\"server_url\":\"" + HEALTHY + "\","
                + (token == null ? "" : "\"authorization\":\"" + token + "\",") + "\"require_approval\":\"never\"}]";
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }

    private static JsonObject created(HttpResponse<String> response) {
        JsonObject json = ok(response);
        assertEquals("completed", json.getString("status"), json.toString());
        return json;
    }

    private static int inputTokens(JsonObject response) {
        return response.getJsonObject("usage").getInt("input_tokens");
    }

    private static JsonObject awaitStatus(Replica replica, String id, String status, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        JsonObject response = ok(replica.get("/v1/responses/" + id + "?agent=assistant"));
        while (!response.getString("status").equals(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            response = ok(replica.get("/v1/responses/" + id + "?agent=assistant"));
        }
        assertEquals(status, response.getString("status"), response.toString());
        return response;
    }

    private static int abandonedSleeps() {
        String abandoned = TestServer.send(HttpRequest.newBuilder(URI.create(CONTROL + "abandoned?name=healthy"))
                .GET().build()).body();
        return abandoned.split("\"sleep\"", -1).length - 1;
    }

    private static void cluster(String command) throws Exception {
        Process process = new ProcessBuilder("bash", System.getProperty("it.postgresql.cluster"), command,
                System.getProperty("it.postgresql.dir"), System.getProperty("it.postgresql.port"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "cluster.sh " + command);
    }

    private static long storedResponses() throws Exception {
        String password = Files.readString(Path.of(System.getProperty("it.postgresql.dir"), "password")).trim();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + System.getProperty("it.postgresql.port") + "/agenthost", "agenthost", password);
                Statement statement = db.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM AH_RESPONSE")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
