package it.io.agenthost;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The Liberty server that the build started for the integration tests, and clients for it. */
public final class TestServer {

    public static final String HOST = System.getProperty("http.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("http.port", 9080);
    public static final String BASE = "http://" + HOST + ":" + PORT;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer() {
    }

    /** The official OpenAI Java client pointed at the server; agents need no API key. */
    public static OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey("unused").maxRetries(0).build();
    }

    public static HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET().build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request whose answer is read line by line as it arrives, as a client following a stream does. */
    public static HttpResponse<Stream<String>> sendLines(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a body is an error in OpenAI's shape: a message, and a type, param and code (which may be null). */
    public static boolean isOpenAiError(String body) {
        try {
            JsonObject error = json(body).getJsonObject("error");
            return error != null && !error.getString("message").isBlank() && error.containsKey("type")
                    && error.containsKey("param") && error.containsKey("code");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Parses a Server-Sent Events body into the JSON of each event, checking each event's name against its type. */
    public static List<JsonObject> sseEvents(String body) {
        List<JsonObject> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String event = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            JsonObject json = json(data);
            if (!json.getString("type").equals(event)) {
                throw new AssertionError("event name " + event + " does not match type " + json.getString("type"));
            }
            events.add(json);
        }
        return events;
    }

    public static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** The text of a response's last message (host toolboxes put their tool lists before it). */
    public static String lastText(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMessage).reduce((a, b) -> b).orElseThrow()
                .asMessage().content().get(0).asOutputText().text();
    }

    /** The name of the Liberty server the build started. */
    public static String serverName() {
        return System.getProperty("liberty.server.name", "defaultServer");
    }

    /** The process id of the Liberty JVM the build started, found by its command line. */
    public static Optional<Long> libertyPid() {
        return libertyPid(serverName());
    }

    /** The process id of the JVM of the Liberty server of that name, found by its command line. */
    public static Optional<Long> libertyPid(String serverName) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    return cmdline.contains("ws-server.jar") && cmdline.contains(serverName);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Liberty installation the build made, for tests that stop and start the server. */
    public static Path installDir() {
        return Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp"));
    }
}
