package io.agenthost.testing;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;

/**
 * After the whole integration-test suite: no credential that the tests used shows up in what the servers kept. The
 * credentials are every bearer token the test MCP servers were sent and every token and JWT the test authorization
 * server handed out; the places are the Liberty servers' log directories (messages, console, trace, FFDC) and every
 * value of every table of their databases (stored responses and events, and the OAuth table, whose tokens must be
 * sealed), and every span and metric the OpenTelemetry receiver of the tests was sent, attributes and events
 * included ({@code -Dsecret.scan.telemetry=<receiver url>}). Tokens are matched whole, as they stand in logs and JSON: between characters that cannot be part of one.
 * <p>
 * {@code java io.agenthost.testing.SecretScan <control url> <authorization server url> <server dir>...}, once the
 * servers have stopped; fails naming where a credential was found (by its first characters only).
 */
public final class SecretScan {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
    /** Shorter values (placeholders such as "x") would match ordinary words. */
    private static final int SHORTEST = 8;

    private final Set<String> secrets;
    /** Parts of credentials that are not tokens (they hold characters HTTP refuses), found anywhere in the text. */
    private final Set<String> markers;
    private final List<String> found = new ArrayList<>();
    private int files;
    private int values;

    SecretScan(Set<String> secrets, Set<String> markers) {
        this.secrets = secrets;
        this.markers = markers;
    }

    /** Where a credential was found so far. */
    List<String> found() {
        return List.copyOf(found);
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> sent = credentials(fetch(http, args[0] + "bearers").asJsonArray().getValuesAs(JsonString.class));
        Set<String> issued = credentials(fetch(http, args[1] + "/control/issued").asJsonObject()
                .getJsonArray("tokens").getValuesAs(JsonString.class));
        Set<String> secrets = new HashSet<>(sent);
        secrets.addAll(issued);

        Set<String> markers = new HashSet<>();
        for (String marker : System.getProperty("secret.scan.markers", "").split(",")) {
            if (marker.length() >= SHORTEST) {
                markers.add(marker);
            }
        }
        String passwordFile = System.getProperty("secret.scan.password.file");
        if (passwordFile != null && Files.isRegularFile(Path.of(passwordFile))) {
            String password = Files.readString(Path.of(passwordFile)).trim();
            if (password.length() >= SHORTEST) {
                markers.add(password);
            }
        }
        SecretScan scan = new SecretScan(secrets, markers);
        String telemetry = System.getProperty("secret.scan.telemetry");
        int exported = 0;
        if (telemetry != null) {
            for (String what : List.of("spans", "metrics")) {
                JsonStructure received = fetch(http, telemetry + "/" + what);
                exported += received.asJsonArray().size();
                scan.search(received.toString(), "the telemetry's " + what);
            }
        }
        for (int i = 2; i < args.length; i++) {
            Path server = Path.of(args[i]);
            scan.files(server.resolve("logs"));
            scan.database(server.resolve("data").resolve("agenthost"));
        }
        System.out.printf("SecretScan: %d credentials (%d that MCP servers were sent, %d that the authorization server "
                + "issued) and %d markers of refused ones, %d files, %d stored values and %d exported spans and metrics"
                + " searched: %d found%n", secrets.size(), sent.size(), issued.size(), markers.size(), scan.files,
                scan.values, exported, scan.found.size());
        if (secrets.isEmpty()) {
            // Only some of the tests ran (-Dit.test=...), and none of them sent a credential.
            System.out.println("SecretScan: no test sent a credential; nothing to look for");
        }
        if (!scan.found.isEmpty()) {
            throw new IllegalStateException("credentials found where the servers keep things:\n  "
                    + String.join("\n  ", scan.found));
        }
    }

    private static Set<String> credentials(List<JsonString> values) {
        Set<String> credentials = new HashSet<>();
        values.stream().map(JsonString::getString).filter(value -> value.length() >= SHORTEST)
                .forEach(credentials::add);
        return credentials;
    }

    private static JsonStructure fetch(HttpClient http, String url) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    void files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files++;
                // Byte for byte: a token is ASCII, whatever the rest of the file is.
                search(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file.toString());
            }
        }
    }

    void database(Path directory) throws SQLException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        String url = "jdbc:derby:" + directory;
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT T.TABLENAME FROM SYS.SYSTABLES T "
                    + "JOIN SYS.SYSSCHEMAS S ON T.SCHEMAID = S.SCHEMAID WHERE T.TABLETYPE = 'T' "
                    + "AND S.SCHEMANAME = 'APP'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM APP.\"" + table + "\"")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            String value = columns.getColumnType(column) == Types.BLOB
                                    ? text(rows.getBytes(column)) : rows.getString(column);
                            if (value != null) {
                                values++;
                                search(value, directory + " table " + table);
                            }
                        }
                    }
                }
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException shutDown) {
                // Derby reports a database it shut down with an exception
            }
        }
    }

    /** Bytes as the text they hold: inflated where they are deflated (packed stream events), else as they are. */
    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException notDeflated) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private void search(String text, String where) {
        for (String marker : markers) {
            if (text.contains(marker)) {
                found.add(where + ": the marker " + marker);
            }
        }
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String candidate = token.group();
            if (secrets.contains(candidate) || secrets.contains(strip(candidate))) {
                found.add(where + ": " + candidate.substring(0, Math.min(6, candidate.length())) + "...");
            }
        }
    }

    /** A token at the end of a sentence, or followed by punctuation that may be part of one. */
    private static String strip(String candidate) {
        int end = candidate.length();
        while (end > 0 && ".,=".indexOf(candidate.charAt(end - 1)) >= 0) {
            end--;
        }
        return candidate.substring(0, end);
    }
}
