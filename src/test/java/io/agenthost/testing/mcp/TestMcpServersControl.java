package io.agenthost.testing.mcp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The integration tests' handle on the servers of {@link TestMcpServers}, which run in another JVM: it talks to their
 * {@link ControlEndpoint}. The build passes the endpoint's address as the system property
 * {@code mcp.test.control.url}.
 */
public final class TestMcpServersControl {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestMcpServersControl(String controlUrl) {
        this.base = controlUrl.endsWith("/") ? controlUrl : controlUrl + "/";
    }

    /** The control endpoint the build started, from {@code mcp.test.control.url} (else port 19100). */
    public static TestMcpServersControl fromSystemProperties() {
        return new TestMcpServersControl(System.getProperty("mcp.test.control.url",
                "http://127.0.0.1:" + Integer.getInteger("mcp.test.control.port", 19100) + ControlEndpoint.PATH));
    }

    /** Every declared server: name to {port, url, running, tools}. */
    public JsonObject servers() {
        return (JsonObject) call("GET", "servers", null);
    }

    public String url(String server) {
        return servers().getJsonObject(server).getString("url");
    }

    public void open(String server) {
        call("POST", "open", server);
    }

    public void close(String server) {
        call("POST", "close", server);
    }

    /** Forgets the server's recorded requests and restarts its failFirst count. */
    public void reset(String server) {
        call("POST", "reset", server);
    }

    /** Replaces the server's faults, e.g. "failAlways=503" or "failFirst=2,429,1:delay=PT1S"; "" clears them. */
    public void faults(String server, String spec) {
        call("POST", "faults", server, "spec", spec);
    }

    public void notifyToolsChanged(String server) {
        call("POST", "notify", server);
    }

    /** Makes the server offer one more tool, which answers "{@code tool} called". */
    public void addTool(String server, String tool) {
        call("POST", "tool", server, "tool", tool);
    }

    public List<RecordedRequest> requests(String server) {
        return RecordedRequestJson.fromJson(call("GET", "requests", server).asJsonArray());
    }

    private JsonStructure call(String method, String route, String server, String... extra) {
        StringBuilder uri = new StringBuilder(base).append(route);
        char separator = '?';
        if (server != null) {
            uri.append("?name=").append(encode(server));
            separator = '&';
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            uri.append(separator).append(extra[i]).append('=').append(encode(extra[i + 1]));
            separator = '&';
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("control endpoint " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
