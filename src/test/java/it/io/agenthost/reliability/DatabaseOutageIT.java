package it.io.agenthost.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database away for a moment, under a real Liberty: the test connects to the server's own embedded Derby through
 * the network server the tests' Liberty starts, and holds an exclusive lock on the responses table, so that every
 * statement of the server waits and then times out, as when the database does not answer. Lock waits are cut to one
 * second for the tests, so that the server meets the outage quickly and has to retry.
 */
class DatabaseOutageIT {

    private static final String DATABASE = System.getProperty("it.derby.url");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void defaultLockWaits() throws SQLException {
        try (Connection db = DriverManager.getConnection(DATABASE)) {
            lockWaitSeconds(db, null);
        }
    }

    private static void lockWaitSeconds(Connection db, Integer seconds) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', "
                    + (seconds == null ? "NULL" : "'" + seconds + "'") + ")");
        }
    }

    /** A connection in a transaction that holds the whole responses table until it commits. */
    private static Connection outage() throws SQLException {
        Connection db = DriverManager.getConnection(DATABASE);
        lockWaitSeconds(db, 1);
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            statement.execute("LOCK TABLE AH_RESPONSE IN EXCLUSIVE MODE");
        }
        return db;
    }

    private static long storedResponses() throws SQLException {
        try (Connection db = DriverManager.getConnection(DATABASE); Statement statement = db.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM AH_RESPONSE")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static HttpRequest create(String body) {
        return HttpRequest.newBuilder(URI.create(TestServer.BASE + "/v1/responses"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String idOf(HttpResponse<String> response, boolean streamed) {
        assertEquals(200, response.statusCode(), response.body());
        if (!streamed) {
            return TestServer.json(response.body()).getString("id");
        }
        List<JsonObject> events = TestServer.sseEvents(response.body());
        JsonObject last = events.get(events.size() - 1);
        assertEquals("response.completed", last.getString("type"), response.body());
        return last.getJsonObject("response").getString("id");
    }

    private static void assertStoredComplete(String id) {
        HttpResponse<String> stored = TestServer.get("/v1/responses/" + id + "?agent=assistant");
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals("completed", TestServer.json(stored.body()).getString("status"));
    }

    @Test
    void requestsWaitOutAShortOutageAndEveryOneIsStored() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> runs = new ArrayList<>();
        try (Connection db = outage()) {
            for (int i = 0; i < 6; i++) {
                boolean streamed = i % 2 == 0;
                runs.add(HTTP.sendAsync(create("{\"model\":\"assistant\",\"stream\":" + streamed
                        + ",\"input\":\"during an outage " + i + "\"}"), HttpResponse.BodyHandlers.ofString()));
            }
            // Two lock timeouts have passed: without retries every request would have failed by now.
            Thread.sleep(2500);
            assertTrue(runs.stream().noneMatch(CompletableFuture::isDone), "requests wait while the store is away");
            db.commit();
        }
        for (int i = 0; i < runs.size(); i++) {
            assertStoredComplete(idOf(runs.get(i).get(60, TimeUnit.SECONDS), i % 2 == 0));
        }
    }

    @Test
    void anOutageLongerThanTheRetriesIsA503OrAFailedStreamAndStoresNothing() throws Exception {
        long before = storedResponses();
        HttpResponse<String> refused;
        HttpResponse<String> failed;
        try (Connection db = outage()) {
            CompletableFuture<HttpResponse<String>> streamed = HTTP.sendAsync(create(
                    "{\"model\":\"assistant\",\"stream\":true,\"input\":\"too long an outage\"}"),
                    HttpResponse.BodyHandlers.ofString());
            refused = HTTP.send(create("{\"model\":\"assistant\",\"input\":\"too long an outage\"}"),
                    HttpResponse.BodyHandlers.ofString());
            failed = streamed.get(60, TimeUnit.SECONDS);
            assertEquals(200, TestServer.get("/health/live").statusCode());
            db.commit();
        }

        // A stream has begun before the store is tried: it ends failed, and nothing of it ran.
        List<JsonObject> events = TestServer.sseEvents(failed.body());
        assertEquals(List.of("response.created", "response.failed"),
                events.stream().map(e -> e.getString("type")).toList());
        assertEquals("storage_unavailable", events.get(1).getJsonObject("response").getJsonObject("error")
                .getString("code"));
        assertEquals(503, refused.statusCode(), refused.body());
        JsonObject error = TestServer.json(refused.body()).getJsonObject("error");
        assertEquals("storage_unavailable", error.getString("code"));
        assertEquals("server_error", error.getString("type"));
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(before, storedResponses());
        assertStoredComplete(idOf(HTTP.send(create("{\"model\":\"assistant\",\"input\":\"after the outage\"}"),
                HttpResponse.BodyHandlers.ofString()), false));
    }

    @Test
    void aStreamWhoseLastWriteMeetsTheOutageEndsWhenItIsStored() throws Exception {
        String slowCall = "{\"model\":\"assistant\",\"stream\":true,\"input\":\"/call h.sleep {\\\"ms\\\":1500}\","
                + "\"tools\":[{\"type\":\"mcp\",\"server_label\":\"h\",\"server_url\":\""
                + System.getProperty("mcp.test.healthy.url") + "\",\"require_approval\":\"never\"}]}";
        CompletableFuture<HttpResponse<String>> run = HTTP.sendAsync(create(slowCall),
                HttpResponse.BodyHandlers.ofString());
        // the response is stored in progress before the call; the lock comes while the tool sleeps
        Thread.sleep(700);
        try (Connection db = outage()) {
            Thread.sleep(3000);
            assertFalse(run.isDone(), "the stream waits for its last write");
            db.commit();
        }

        assertStoredComplete(idOf(run.get(60, TimeUnit.SECONDS), true));
    }
}
