package it.io.agenthost.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.agenthost.TestServer;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * How a stored stream's events lie in the tests' Derby database, read through its network server: deflated UTF-8
 * in {@code PACKED}, one event's JSON per line; and rows that servers wrote before, as text in {@code DATA}, are
 * replayed as they were.
 */
class PackedEventsIT {

    private static final String DATABASE = System.getProperty("it.derby.url");

    @Test
    void aStreamsEventsAreStoredPackedAndReplayedAsSent() throws Exception {
        List<JsonObject> sent = stream("pack these words for the store");
        String id = sent.get(0).getJsonObject("response").getString("id");

        List<String> lines = new ArrayList<>();
        int packedBytes = 0;
        try (Connection db = DriverManager.getConnection(DATABASE); PreparedStatement rows = db.prepareStatement(
                "SELECT DATA, PACKED FROM AH_EVENT WHERE RESPONSE_ID = ? ORDER BY SEQ")) {
            rows.setString(1, id);
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    assertEquals("", row.getString("DATA"));
                    byte[] packed = row.getBytes("PACKED");
                    packedBytes += packed.length;
                    lines.addAll(List.of(inflate(packed).split("\n")));
                }
            }
        }
        // Every event but the terminal one, which a replay makes from the stored response.
        assertEquals(sent.subList(0, sent.size() - 1), lines.stream().map(TestServer::json).toList());
        int textBytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(packedBytes * 3 < textBytes, packedBytes + " bytes packed of " + textBytes);
        assertEquals(sent, replay(id));
    }

    @Test
    void eventsStoredAsTextByAnEarlierServerAreReplayed() throws Exception {
        List<JsonObject> sent = stream("stored the way it used to be");
        String id = sent.get(0).getJsonObject("response").getString("id");
        try (Connection db = DriverManager.getConnection(DATABASE)) {
            db.setAutoCommit(false);
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement read = db.prepareStatement("SELECT ID, PACKED FROM AH_EVENT WHERE RESPONSE_ID = ?")) {
                read.setString(1, id);
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        rows.add(new String[] {row.getString("ID"), inflate(row.getBytes("PACKED"))});
                    }
                }
            }
            assertTrue(!rows.isEmpty(), "events stored");
            try (PreparedStatement asText = db.prepareStatement(
                    "UPDATE AH_EVENT SET DATA = ?, PACKED = NULL WHERE ID = ?")) {
                for (String[] row : rows) {
                    asText.setString(1, row[1]);
                    asText.setString(2, row[0]);
                    assertEquals(1, asText.executeUpdate());
                }
            }
            db.commit();
        }

        assertEquals(sent, replay(id));
    }

    private static List<JsonObject> stream(String input) {
        HttpResponse<String> response = TestServer.post("/v1/responses",
                "{\"model\":\"assistant\",\"stream\":true,\"input\":\"" + input + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.sseEvents(response.body());
    }

    private static List<JsonObject> replay(String id) {
        HttpResponse<String> replayed = TestServer.get("/v1/responses/" + id + "?agent=assistant&stream=true");
        assertEquals(200, replayed.statusCode(), replayed.body());
        return TestServer.sseEvents(replayed.body());
    }

    private static String inflate(byte[] packed) throws IOException {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(packed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
