package io.agenthost.testing.mcp;

import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real MCP server over streamable HTTP at {@code http://127.0.0.1:<port>/mcp}, built on the MCP Java SDK, for tests
 * of MCP clients. It offers the {@link TestTools#standard standard tools} (add, whoami, fail, sleep, fingerprint) and any others it
 * is given, records every HTTP request it receives, and can be told to misbehave (fail, delay, redirect).
 *
 * <pre>{@code
 * try (TestMcpServer server = TestMcpServer.builder().failFirst(2, 429, 1).start()) {
 *     client(server.url()) ...
 *     assertEquals(3, server.recorded().size());
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} gives a server that is not listening yet, so that a test can point a client at a closed
 * fixed port and {@link #start()} it later. A server can be stopped and started again; each start is a fresh MCP
 * server (sessions are lost) on the same port, keeping its tools, faults and recordings.
 */
public final class TestMcpServer implements AutoCloseable {

    public static final String PATH = "/mcp";
    public static final String HOST = "127.0.0.1";

    private final String name;
    private final Faults faults;
    /** Where it serves MCP: {@link #PATH} unless it stands for the Foundry toolbox proxy. */
    private final String path;
    /** What the Foundry toolbox proxy checks before anything else, or null for a plain MCP server. */
    private final ProxyGate gate;
    private final List<TestTool> tools;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Set<String> bearersSeen = ConcurrentHashMap.newKeySet();
    private final List<String> abandoned = new CopyOnWriteArrayList<>();
    /** The key store of its TLS certificate, or null for plain HTTP. */
    private final KeyStore tls;
    /** Whether it speaks MCP 2026-07-28 only (the SDK's stateless server), else 2025-11-25 only. */
    private final boolean stateless;
    private int port;
    private JettyMcpHost host;

    private TestMcpServer(String name, int port, String path, ProxyGate gate, Faults faults,
            List<TestTool> tools, KeyStore tls, boolean stateless) {
        this.tls = tls;
        this.stateless = stateless;
        this.name = name;
        this.port = port;
        this.path = path;
        this.gate = gate;
        this.faults = faults;
        this.tools = new CopyOnWriteArrayList<>(tools);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; on the port it was built with, or on the one it had before if that was 0. */
    public synchronized TestMcpServer start() {
        if (host != null) {
            return this;
        }
        try {
            host = JettyMcpHost.start(name, HOST, port, path, tools,
                    new FaultFilter(faults, gate, this::record), abandoned::add, tls, stateless);
        } catch (Exception e) {
            throw new IllegalStateException("test MCP server " + name + " could not listen on port " + port, e);
        }
        port = host.port();
        return this;
    }

    /** Stops listening: connections are closed and later ones refused until the next {@link #start()}. */
    public synchronized void stop() {
        if (host == null) {
            return;
        }
        try {
            host.stop();
        } catch (Exception e) {
            throw new IllegalStateException("test MCP server " + name + " did not stop cleanly", e);
        } finally {
            host = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return host != null;
    }

    public String name() {
        return name;
    }

    /** The port it listens on; 0 for a server built on port 0 that has not started yet. */
    public synchronized int port() {
        return port;
    }

    /** The value of the cookie every answer of the test servers sets, as a load balancer with affinity would. */
    public static final String AFFINITY_COOKIE = "mcp-test-affinity";

    public String url() {
        return (tls == null ? "http://" : "https://") + HOST + ":" + port() + path;
    }

    /** A copy of the requests received so far, oldest first. */
    private void record(RecordedRequest request) {
        recorded.add(request);
        for (String value : request.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("authorization"))
                .flatMap(header -> header.getValue().stream()).toList()) {
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                bearersSeen.add(value.substring(7).trim());
            }
        }
    }

    /** Every bearer token a request brought since the server was built; {@link #reset()} does not forget them. */
    public Set<String> bearersSeen() {
        return Set.copyOf(bearersSeen);
    }

    /** The tools whose calls were given up because the client closed the connection, one entry per call. */
    public List<String> abandoned() {
        return List.copyOf(abandoned);
    }

    public List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    /** The recorded requests that carried the given JSON-RPC method, e.g. "tools/call". */
    public List<RecordedRequest> recorded(String rpcMethod) {
        List<RecordedRequest> matching = new ArrayList<>();
        for (RecordedRequest request : recorded) {
            if (rpcMethod.equals(request.rpcMethod())) {
                matching.add(request);
            }
        }
        return matching;
    }

    public void clearRecorded() {
        recorded.clear();
        abandoned.clear();
    }

    /** Forgets the recorded requests (and abandoned calls) and restarts the failFirst count; the faults themselves stay. */
    public void reset() {
        clearRecorded();
        faults.resetCounters();
    }

    /** The next {@code count} POSTs get {@code status} (with Retry-After when given); later ones pass. */
    public TestMcpServer failFirst(int count, int status, Integer retryAfterSeconds) {
        faults.failFirst(count, status, retryAfterSeconds);
        return this;
    }

    /** Every request gets {@code status}; 0 turns this off. */
    /** Answers these JSON-RPC methods (e.g. tools/list, tools/call) with CONSENT_REQUIRED until the faults are cleared. */
    public TestMcpServer garbage(String... rpcMethods) {
        faults.garbage(java.util.Set.of(rpcMethods));
        return this;
    }

    public TestMcpServer consentRequired(String... rpcMethods) {
        faults.consentRequired(java.util.Set.of(rpcMethods));
        return this;
    }

    /** The link of the consent the server asks for. */
    public static String consentLink() {
        return FaultFilter.CONSENT_LINK;
    }

    public TestMcpServer failAlways(int status) {
        faults.failAlways(status);
        return this;
    }

    /** Every request waits this long before it is answered (or failed). */
    public TestMcpServer delay(Duration delay) {
        faults.delay(delay);
        return this;
    }

    /** Every request is answered 307 with this Location; null turns this off. */
    public TestMcpServer redirectTo(String url) {
        faults.redirectTo(url);
        return this;
    }

    /**
     * Requests need an active bearer token that the authorization server at this base URL issued for this server, and
     * the server publishes its protected resource metadata; null turns this off.
     */
    public TestMcpServer authorizedBy(String authorizationServer) {
        faults.authorizedBy(authorizationServer);
        return this;
    }

    public TestMcpServer clearFaults() {
        faults.clear();
        return this;
    }

    /** Offers one more tool from now on; the SDK tells connected clients that the list changed. */
    public void addTool(TestTool tool) {
        tools.removeIf(t -> t.name().equals(tool.name()));
        tools.add(tool);
        JettyMcpHost running;
        synchronized (this) {
            running = host;
        }
        if (running != null) {
            running.addTool(tool);
        }
    }

    public void addTool(String toolName, String description, String inputSchemaJson,
            Function<TestTool.Call, TestTool.Answer> handler) {
        addTool(new TestTool(toolName, description, inputSchemaJson, handler));
    }

    /** Sends notifications/tools/list_changed to every connected client that listens for server messages. */
    public void notifyToolsChanged() {
        JettyMcpHost running;
        synchronized (this) {
            running = host;
        }
        if (running == null) {
            throw new IllegalStateException("test MCP server " + name + " is not running");
        }
        running.notifyToolsChanged();
    }

    /** The names of the tools it offers. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public String toString() {
        return "TestMcpServer[" + name + " " + url() + (isRunning() ? "" : " (closed)") + "]";
    }

    /** Configures a {@link TestMcpServer}. */
    public static final class Builder {

        private String name = "test-mcp";
        private int port;
        private String prefix = "";
        private boolean standardTools = true;
        private final List<TestTool> extraTools = new ArrayList<>();
        private final Faults faults = new Faults();
        private String path = PATH;
        private ProxyGate gate;
        private KeyStore tls;
        private boolean stateless;

        private Builder() {
        }

        /** Speaks MCP 2026-07-28 only, through the SDK's stateless server, which refuses {@code initialize}. */
        public Builder stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        /** Serves HTTPS with the key and certificate of this key store (password {@code changeit}). */
        public Builder tls(KeyStore keyStore) {
            this.tls = keyStore;
            return this;
        }

        /** The server name it gives in its initialize result. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one at the first start. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Put before the standard tools' names, so that two servers offer different tools. */
        public Builder toolPrefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        /** Whether to offer add, whoami, fail, sleep and fingerprint (yes by default). */
        public Builder standardTools(boolean offer) {
            this.standardTools = offer;
            return this;
        }

        public Builder tool(TestTool tool) {
            extraTools.add(tool);
            return this;
        }

        public Builder tool(String toolName, String description, String inputSchemaJson,
                Function<TestTool.Call, TestTool.Answer> handler) {
            return tool(new TestTool(toolName, description, inputSchemaJson, handler));
        }

        public Builder failFirst(int count, int status, Integer retryAfterSeconds) {
            faults.failFirst(count, status, retryAfterSeconds);
            return this;
        }

        public Builder failAlways(int status) {
            faults.failAlways(status);
            return this;
        }

        public Builder delay(Duration delay) {
            faults.delay(delay);
            return this;
        }

        public Builder redirectTo(String url) {
            faults.redirectTo(url);
            return this;
        }

        public Builder authorizedBy(String authorizationServer) {
            faults.authorizedBy(authorizationServer);
            return this;
        }

        /** Serves MCP at this path instead of {@link TestMcpServer#PATH}. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Checks each request as the Foundry toolbox proxy does (see {@link ProxyGate}). */
        public Builder foundryProxy(ProxyGate gate) {
            this.gate = gate;
            return this;
        }

        /** The server, not listening yet. */
        public TestMcpServer build() {
            List<TestTool> tools = new ArrayList<>();
            if (standardTools) {
                tools.addAll(TestTools.standard(prefix));
            }
            tools.addAll(extraTools);
            return new TestMcpServer(name, port, path, gate, faults, tools, tls, stateless);
        }

        /** The server, listening. */
        public TestMcpServer start() {
            return build().start();
        }
    }
}
