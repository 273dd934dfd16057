package it.io.agenthost.store;

import it.io.agenthost.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the tests' two Liberty servers on the shared PostgreSQL, started as a container would be: the store and the
 * database named by environment variables (STORE, PG*), the OAuth token key by AGENT_OAUTH_TOKEN_KEY.
 */
record Replica(String name, int port) {

    static Replica a() {
        return named("a");
    }

    static Replica b() {
        return named("b");
    }

    private static Replica named(String letter) {
        return new Replica(System.getProperty("it.replica." + letter + ".server.name"),
                Integer.getInteger("it.replica." + letter + ".http.port"));
    }

    /** The database's environment, as a container on the platform would get it. */
    static Map<String, String> postgresql(String tokenKey) {
        try {
            String password = Files.readString(Path.of(System.getProperty("it.postgresql.dir"), "password")).trim();
            return Map.of("STORE", "postgresql", "PGHOST", "127.0.0.1",
                    "PGPORT", System.getProperty("it.postgresql.port"), "PGDATABASE", "agenthost",
                    "PGUSER", "agenthost", "PGPASSWORD", password, "AGENT_OAUTH_TOKEN_KEY", tokenKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server; does not wait for its application. */
    Process launch(Map<String, String> environment) throws IOException {
        ProcessBuilder start = new ProcessBuilder(TestServer.installDir().resolve("bin/server").toString(), "start",
                name).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        start.environment().putAll(environment);
        return start.start();
    }

    /** Whether the application answered within the time: false when it did not start. */
    boolean awaitApplication(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (get("/v1/models").statusCode() == 200) {
                    return true;
                }
            } catch (UncheckedIOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    void stop() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(TestServer.installDir().resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(120, TimeUnit.SECONDS);
    }

    void kill() throws Exception {
        ProcessHandle liberty = ProcessHandle.of(TestServer.libertyPid(name).orElseThrow()).orElseThrow();
        liberty.destroyForcibly();
        liberty.onExit().get(60, TimeUnit.SECONDS);
    }

    Path messagesLog() {
        return TestServer.installDir().resolve("usr/servers").resolve(name).resolve("logs/messages.log");
    }

    HttpResponse<String> post(String path, String body) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2)).GET().build());
    }

    HttpResponse<String> delete(String path) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(1)).DELETE().build());
    }

    @Override
    public String toString() {
        return name;
    }
}
