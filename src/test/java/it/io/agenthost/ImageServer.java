package it.io.agenthost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server of the build's Open Liberty made as the container image makes its own: the application's configuration
 * ({@code src/main/liberty/config}), a WAR, the image's JVM options, and no state of an earlier start.
 */
public final class ImageServer {

    /** The container image's: {@code src/main/liberty/container/jvm.options}. */
    private static final Path JVM_OPTIONS = Path.of("src/main/liberty/container/jvm.options");
    /** What the image runs after the start that warms its class cache: {@code src/main/liberty/container}. */
    private static final Path FRESH_DATA = Path.of("src/main/liberty/container/fresh-data.sh");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path wlp;
    private final String name;
    private final Path directory;
    private final URI ready;

    private ImageServer(Path wlp, String name, int port) {
        this.wlp = wlp;
        this.name = name;
        this.directory = wlp.resolve("usr/servers").resolve(name);
        this.ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    /**
     * @param libraries whether the application's libraries ({@code ${shared.resource.dir}/agent-host}, which the
     *     build's servers share) are on its class path: not for a server without the application
     */
    public static ImageServer create(String name, int port, Path war, boolean libraries) throws IOException {
        ImageServer server = new ImageServer(Path.of(System.getProperty("liberty.install.dir")), name, port);
        server.delete();
        copy(Path.of("src/main/liberty/config"), server.directory);
        if (!libraries) {
            Path serverXml = server.directory.resolve("server.xml");
            String withLibraries = Files.readString(serverXml);
            String without = withLibraries.replace("<classloader privateLibraryRef=\"agentHostLibraries\"/>", "");
            assertTrue(!without.equals(withLibraries), "server.xml names the application's libraries no more");
            Files.writeString(serverXml, without);
        }
        Files.createDirectories(server.directory.resolve("apps"));
        Files.copy(war, server.directory.resolve("apps/agent-host.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.directory.resolve("bootstrap.properties"), "http.port=" + port + "\n");
        Files.copy(JVM_OPTIONS, server.directory.resolve("jvm.options"), StandardCopyOption.REPLACE_EXISTING);
        return server;
    }

    /** The server's directory, which is also its output directory. */
    public Path directory() {
        return directory;
    }

    /** Runs the image's {@code fresh-data.sh} on this server's data. */
    public void freshData() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("sh", FRESH_DATA.toString(), wlp.toString(), directory.toString())
                .inheritIO().start();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "fresh-data.sh did not end");
        assertEquals(0, script.exitValue(), "fresh-data.sh failed");
    }

    /** A server running in a process of its own, and how long it took from the start command to ready. */
    public record Started(Process process, double readySeconds) {
    }

    /**
     * Starts the server in the foreground of a process of its own, its output in {@code <name>.out}, and waits up to
     * three minutes for {@code /health/ready} to answer UP.
     */
    public Started startReady() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true).redirectOutput(directory.resolveSibling(name + ".out").toFile()).start();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop(process);
                throw new AssertionError(name + " did not get ready");
            }
            Thread.sleep(50);
        }
        return new Started(process, (System.nanoTime() - started) / 1e9);
    }

    public void stop(Process process) throws IOException, InterruptedException {
        new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public void delete() throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private boolean ready() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
