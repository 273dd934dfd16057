package io.agenthost.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    private static final String TOKEN = "run-token-7-0a25e542-9fb7-424e-9b0e";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    @Test
    void findsATokenWhereverALogLineOrJsonPutsIt(@TempDir Path logs) throws Exception {
        Files.writeString(logs.resolve("messages.log"), "I request server rec with Bearer " + TOKEN + "\n");
        Path ffdc = Files.createDirectories(logs.resolve("ffdc"));
        Files.writeString(ffdc.resolve("incident.txt"), "{\"authorization\":\"" + JWT + "\"}, and " + TOKEN + ".");
        SecretScan scan = new SecretScan(Set.of(TOKEN, JWT), Set.of());

        scan.files(logs);

        List<String> found = scan.found();
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.stream().noneMatch(where -> where.contains(TOKEN)), "never prints a whole token");
    }

    @Test
    void findsTheMarkerOfACredentialThatIsNoToken(@TempDir Path logs) throws Exception {
        Files.writeString(logs.resolve("messages.log"), "invalid header value: \"Bearer leak\u2603unsendable-9f3c42\"",
                StandardCharsets.UTF_8);
        SecretScan scan = new SecretScan(Set.of(), Set.of("unsendable-9f3c"));

        scan.files(logs);

        assertEquals(1, scan.found().size(), scan.found().toString());
    }

    @Test
    void findsATokenInStoredTextAndInStoredDeflatedBytes(@TempDir Path data) throws Exception {
        Path database = data.resolve("agenthost");
        try (Connection db = DriverManager.getConnection("jdbc:derby:" + database + ";create=true");
                Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE AH_EVENT (ID VARCHAR(80), DATA CLOB, PACKED BLOB)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO AH_EVENT VALUES (?, ?, ?)")) {
                insert.setString(1, "resp_1/0");
                insert.setString(2, "{\"authorization\":\"" + JWT + "\"}");
                insert.setBytes(3, deflated("{\"type\":\"response.created\",\"token\":\"" + TOKEN + "\"}"));
                insert.executeUpdate();
                insert.setString(1, "resp_2/0");
                insert.setString(2, "");
                insert.setBytes(3, deflated("{\"type\":\"response.created\"}"));
                insert.executeUpdate();
            }
        }
        SecretScan scan = new SecretScan(Set.of(TOKEN, JWT), Set.of());

        scan.database(database);

        List<String> found = scan.found();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().noneMatch(where -> where.contains(TOKEN)), "never prints a whole token");
    }

    @Test
    void aLogWithoutTheTokensIsClean(@TempDir Path logs) throws Exception {
        Files.writeString(logs.resolve("messages.log"), "request server rec with the credential of request server "
                + "rec, run run_0a25e5429fb7424e9b0e; run-token-7-other\n");
        SecretScan scan = new SecretScan(Set.of(TOKEN, JWT), Set.of());

        scan.files(logs);

        assertEquals(List.of(), scan.found());
    }

    private static byte[] deflated(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
