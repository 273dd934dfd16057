package it.io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica on PostgreSQL whose connection drops after the database carried out a commit and before its answer came
 * back ({@link CommitLosingRelay}). The store tries the write again; that try finds the rows the first one stored and
 * goes on, where it would fail on them until its retries ran out (15 s, 30 s for an end) and report the write lost.
 * Each case takes well under the retries' time, and replica B's log says nothing was lost or written twice.
 */
class LostCommitIT {

    private static final Replica B = Replica.b();
    private static final String HEALTHY = System.getProperty("mcp.test.healthy.url");
    private static final Duration WELL_UNDER_THE_RETRIES = Duration.ofSeconds(8);
    private static CommitLosingRelay relay;

    @BeforeAll
    static void startReplicaBBehindTheRelay() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("it.replicas.skip"), "-Dit.replicas.skip=true");
        int port = Integer.getInteger("it.postgresql.port");
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/agenthost",
                "agenthost", password()); Statement statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS lost_commit");
            statement.execute("CREATE DATABASE lost_commit");
        }
        relay = new CommitLosingRelay(Integer.getInteger("it.postgresql.relay.port"), port);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new HashMap<>(Replica.postgresql(Base64.getEncoder().encodeToString(key)));
        environment.put("PGPORT", System.getProperty("it.postgresql.relay.port"));
        environment.put("PGDATABASE", "lost_commit");
        assertTrue(B.launch(environment).waitFor(120, TimeUnit.SECONDS));
        assertTrue(B.awaitApplication(Duration.ofSeconds(180)), "replica B started");
    }

    @AfterAll
    static void stopReplicaB() throws Exception {
        if (relay != null) {
            B.stop();
            relay.close();
        }
    }

    @Test
    void aResponseWhoseRecordCommittedUnheardIsAnswered() throws Exception {
        JsonObject response = losingACommit("INSERT INTO AH_RESPONSE", () -> json(B.post("/v1/responses",
                "{\"model\":\"assistant\",\"input\":\"recorded once\"}")));

        assertEquals("completed", response.getString("status"), response.toString());
        assertEquals(response, json(B.get("/v1/responses/" + response.getString("id") + "?agent=assistant")));
    }

    @Test
    void aStreamWhoseEndCommittedUnheardEndsAndReplaysAsSent() throws Exception {
        // A short run stores its events in the transaction that records its end.
        List<JsonObject> sent = losingACommit("UPDATE AH_RESPONSE SET .*RESPONSE_JSON", () -> TestServer.sseEvents(B.post(
                "/v1/responses", "{\"model\":\"assistant\",\"stream\":true,\"input\":\"ended once\"}").body()));

        JsonObject last = sent.get(sent.size() - 1);
        assertEquals("response.completed", last.getString("type"), last.toString());
        assertEquals(sent, replay(last.getJsonObject("response").getString("id")));
    }

    @Test
    void streamEventsWhoseBatchCommittedUnheardAreStoredOnce() throws Exception {
        // The MCP call lets the writer store the first events in a batch of their own before the run ends.
        List<JsonObject> sent = losingACommit("INSERT INTO AH_EVENT", () -> TestServer.sseEvents(B.post(
                "/v1/responses", "{\"model\":\"assistant\",\"stream\":true," + sleeping(500) + "}").body()));

        JsonObject last = sent.get(sent.size() - 1);
        assertEquals("response.completed", last.getString("type"), last.toString());
        assertEquals(sent, replay(last.getJsonObject("response").getString("id")));
    }

    @Test
    void aBackgroundRunWhoseStartCommittedUnheardRuns() throws Exception {
        JsonObject completed = losingACommit("FOR UPDATE", () -> {
            String id = json(B.post("/v1/responses", "{\"model\":\"assistant\",\"background\":true,"
                    + sleeping(100) + "}")).getString("id");
            return awaitCompleted(id);
        });

        assertEquals("completed", completed.getString("status"), completed.toString());
    }

    @Test
    void aConversationWhoseCreationCommittedUnheardIsCreated() throws Exception {
        JsonObject conversation = losingACommit("INSERT INTO AH_CONVERSATION", () -> json(B.post(
                "/v1/conversations?agent=assistant", "{\"items\":[{\"type\":\"message\",\"role\":\"user\","
                        + "\"content\":\"created once\"}]}")));

        JsonObject items = json(B.get("/v1/conversations/" + conversation.getString("id") + "/items?agent=assistant"));
        assertEquals(1, items.getJsonArray("data").size(), items.toString());
    }

    /** Runs {@code request} while the relay loses the answer to the commit after {@code statement}. */
    private static <T> T losingACommit(String statement, Supplier<T> request) throws Exception {
        String logBefore = Files.readString(B.messagesLog());
        int lostBefore = relay.lost();
        relay.loseTheCommitAfter(statement);
        Instant start = Instant.now();
        T result = request.get();
        Duration took = Duration.between(start, Instant.now());

        assertEquals(lostBefore + 1, relay.lost(), "the answer to a commit after " + statement + " was lost");
        assertTrue(took.compareTo(WELL_UNDER_THE_RETRIES) < 0, "took " + took);
        String logged = Files.readString(B.messagesLog()).substring(logBefore.length());
        // Neither lost nor written twice, not even by a try that then gave way to another.
        assertFalse(logged.contains("could not be") || logged.contains("duplicate key"), logged);
        return result;
    }

    private static JsonObject awaitCompleted(String id) {
        Instant deadline = Instant.now().plus(WELL_UNDER_THE_RETRIES);
        JsonObject response = json(B.get("/v1/responses/" + id + "?agent=assistant"));
        while (!response.getString("status").equals("completed") && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = json(B.get("/v1/responses/" + id + "?agent=assistant"));
        }
        return response;
    }

    private static List<JsonObject> replay(String id) {
        return TestServer.sseEvents(B.get("/v1/responses/" + id + "?agent=assistant&stream=true").body());
    }

    private static String sleeping(int millis) {
        return "\"input\":\"/call h.sleep {\\\"ms\\\":" + millis + "}\",\"tools\":[{\"type\":\"mcp\","
                + "\"server_label\":\"h\",\"server_url\":\"" + HEALTHY + "\",\"require_approval\":\"never\"}]";
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response.body());
    }

    private static String password() throws Exception {
        return Files.readString(Path.of(System.getProperty("it.postgresql.dir"), "password")).trim();
    }
}
