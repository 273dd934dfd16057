package io.agenthost.testing.mcp;

import io.agenthost.testing.FormData;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lets integration tests, which run in another JVM than the servers, drive the named test MCP servers over HTTP.
 * Every route but the first names its server, as in {@code POST /control/open?name=late}:
 * <ul>
 * <li>{@code GET /control/servers}: each server's port, url, whether it listens, and its tools;</li>
 * <li>{@code GET /control/bearers}: every bearer token any of the servers has been sent, and every token the managed
 * identity endpoint issued, as a JSON array;</li>
 * <li>{@code POST open}, {@code POST close}: start or stop listening;</li>
 * <li>{@code GET requests}: the recorded requests as a JSON array of {method, path, query, headers (lower-case
 * name to values), body, arrival, rpcMethod};</li>
 * <li>{@code GET abandoned}: the tools whose calls the client gave up on (closed the connection) while they ran, as a
 * JSON array of names;</li>
 * <li>{@code POST reset}: forget recorded requests and restart the failFirst count;</li>
 * <li>{@code POST faults?name=X&spec=failAlways=503}: replace the faults (options as on the command line, joined by
 * {@code :}; an empty spec clears them);</li>
 * <li>{@code POST notify}: send notifications/tools/list_changed;</li>
 * <li>{@code POST tool?name=X&tool=T}: offer one more tool T, answering "T called".</li>
 * </ul>
 * Answers are JSON: the server's description after a POST, {"error": ...} with 400 or 404 on a bad request.
 */
final class ControlEndpoint implements AutoCloseable {

    static final String PATH = "/control/";

    /** Where the CRL of the tests' CA is served, when some server serves HTTPS. */
    static final String CRL_PATH = "/pki/ca.crl";
    private static final List<String> ROUTES =
            List.of("requests", "abandoned", "open", "close", "reset", "faults", "notify", "tool");

    private final Map<String, TestMcpServer> servers;
    private final ManagedIdentityEndpoint identity;
    private final HttpServer http;
    private final ExecutorService executor;

    private ControlEndpoint(Map<String, TestMcpServer> servers, ManagedIdentityEndpoint identity, HttpServer http,
            ExecutorService executor) {
        this.servers = servers;
        this.identity = identity;
        this.http = http;
        this.executor = executor;
    }

    static ControlEndpoint start(String host, int port, Map<String, TestMcpServer> servers) throws IOException {
        return start(host, port, servers, null, null);
    }

    /**
     * @param identity the managed identity endpoint to serve at {@link ManagedIdentityEndpoint#PATH}, or null
     * @param crl      the CRL to serve at {@link #CRL_PATH} (DER), or null
     */
    static ControlEndpoint start(String host, int port, Map<String, TestMcpServer> servers,
            ManagedIdentityEndpoint identity, byte[] crl) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "mcp-control");
            thread.setDaemon(true);
            return thread;
        });
        ControlEndpoint endpoint = new ControlEndpoint(servers, identity, http, executor);
        http.createContext(PATH, endpoint::handle);
        if (identity != null) {
            http.createContext(ManagedIdentityEndpoint.PATH, identity::handle);
        }
        if (crl != null) {
            http.createContext(CRL_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                exchange.getResponseBody().write(crl);
                exchange.close();
            });
        }
        http.setExecutor(executor);
        http.start();
        return endpoint;
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            String route = exchange.getRequestURI().getPath().substring(PATH.length());
            Map<String, String> query = FormData.parse(exchange.getRequestURI().getRawQuery());
            try {
                route(exchange, route, query);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                send(exchange, 500, error(String.valueOf(e)));
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String route, Map<String, String> query) throws IOException {
        String method = exchange.getRequestMethod();
        if (route.equals("servers")) {
            expect(method, "GET");
            send(exchange, 200, servers());
            return;
        }
        if (route.equals("bearers")) {
            expect(method, "GET");
            JsonArrayBuilder bearers = Json.createArrayBuilder();
            java.util.stream.Stream.concat(servers.values().stream().flatMap(server -> server.bearersSeen().stream()),
                    identity == null ? java.util.stream.Stream.empty() : identity.tokens().stream())
                    .distinct().forEach(bearers::add);
            send(exchange, 200, bearers.build());
            return;
        }
        if (!ROUTES.contains(route)) {
            send(exchange, 404, error("no route " + route + "; known: servers, bearers, " + ROUTES));
            return;
        }
        TestMcpServer server = servers.get(query.get("name"));
        if (server == null) {
            send(exchange, 404, error("no server named " + query.get("name") + "; known: " + servers.keySet()));
            return;
        }
        switch (route) {
            case "requests":
                expect(method, "GET");
                send(exchange, 200, RecordedRequestJson.toJson(server.recorded()));
                return;
            case "abandoned":
                expect(method, "GET");
                JsonArrayBuilder abandoned = Json.createArrayBuilder();
                server.abandoned().forEach(abandoned::add);
                send(exchange, 200, abandoned.build());
                return;
            case "open":
                expect(method, "POST");
                server.start();
                break;
            case "close":
                expect(method, "POST");
                server.stop();
                break;
            case "reset":
                expect(method, "POST");
                server.reset();
                break;
            case "faults":
                expect(method, "POST");
                String spec = query.getOrDefault("spec", "");
                server.clearFaults();
                ServerSpec.options(spec).forEach(option -> ServerSpec.apply(server, option));
                break;
            case "notify":
                expect(method, "POST");
                server.notifyToolsChanged();
                break;
            case "tool":
                expect(method, "POST");
                String tool = required(query, "tool");
                server.addTool(TestTools.textTool(tool, "Added through the control endpoint.",
                        args -> tool + " called"));
                break;
            default:
                throw new IllegalStateException("route " + route + " is listed but not handled");
        }
        send(exchange, 200, describe(server).build());
    }

    private JsonStructure servers() {
        JsonObjectBuilder all = Json.createObjectBuilder();
        servers.forEach((name, server) -> all.add(name, describe(server)));
        return all.build();
    }

    private static JsonObjectBuilder describe(TestMcpServer server) {
        return Json.createObjectBuilder()
                .add("name", server.name())
                .add("port", server.port())
                .add("url", server.url())
                .add("running", server.isRunning())
                .add("tools", Json.createArrayBuilder(server.toolNames()));
    }

    private static void expect(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("use " + expected + ", not " + actual);
        }
    }

    private static String required(Map<String, String> query, String key) {
        String value = query.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing query parameter " + key);
        }
        return value;
    }

    private static JsonStructure error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    private static void send(HttpExchange exchange, int status, JsonStructure json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
