package io.agenthost.mcp;

import io.agenthost.run.McpAuthorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * An MCP server the host talks to, over streamable HTTP through the MCP Java SDK, in the revision the server speaks:
 * 2026-07-28 (stateless) first, else a session of 2025-11-25, as MCP's versioning rules say, remembering per server
 * which one it answered in. Keeps the server's tool list, which a server of sessions may change at any time
 * ({@code notifications/tools/list_changed}).
 */
public final class McpConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(McpConnection.class.getName());

    private final McpEndpoint endpoint;
    private final ProtocolClient client;
    private final RetryingHttpClient http;
    private final AtomicInteger lastFailureStatus;
    private final McpTelemetry telemetry;
    private volatile List<McpTool> tools = List.of();

    private McpConnection(McpEndpoint endpoint, ProtocolClient client, RetryingHttpClient http,
            AtomicInteger lastFailureStatus, McpTelemetry telemetry) {
        this.endpoint = endpoint;
        this.client = client;
        this.http = http;
        this.lastFailureStatus = lastFailureStatus;
        this.telemetry = telemetry;
    }

    /**
     * Connects (opening a session where the revision has them) and lists the tools. Throws {@link McpServerError}
     * when the server answers with a JSON-RPC error (consent, for one), {@link McpAuthorizationException} when it
     * refuses to authorize the request, {@link McpAccessException} when it cannot be reached. A 401 is first offered
     * to the application's {@link McpAuthorization}, if it has one.
     */
    public static McpConnection open(McpEndpoint endpoint, McpClientSettings settings) {
        return open(endpoint, settings, McpAuthorization.lookup().orElse(null));
    }

    /** @param authorization asked, on a 401, whether the request is worth sending again; null to give up at once */
    public static McpConnection open(McpEndpoint endpoint, McpClientSettings settings,
            McpAuthorization authorization) {
        CredentialRenewal renewal = new CredentialRenewal(endpoint, authorization);
        RuntimeException refused = null;
        int refusedStatus = 0;
        for (ProtocolRevision revision : settings.revisions().order(endpoint.url())) {
            AtomicInteger lastFailureStatus = new AtomicInteger();
            RetryingHttpClient http = RetryingHttpClient.create(settings, endpoint.label(), lastFailureStatus,
                    renewal.nonce());
            AtomicReference<McpConnection> self = new AtomicReference<>();
            ProtocolClient client = revision == ProtocolRevision.STATELESS
                    ? new StatelessClient(endpoint, settings, http, renewal)
                    : new SessionClient(endpoint, settings, http, renewal, changed -> {
                        McpConnection connection = self.get();
                        if (connection != null) {
                            connection.tools = changed;
                            LOG.info(() -> "MCP server " + endpoint.label() + " changed its tools: " + changed.size());
                        }
                    });
            McpConnection connection = new McpConnection(endpoint, client, http, lastFailureStatus,
                    settings.telemetry());
            self.set(connection);
            try {
                connection.start();
                settings.revisions().answered(endpoint.url(), revision);
                return connection;
            } catch (RuntimeException e) {
                // Read before closing: what the client sends on its way out (a GET, a DELETE) is answered too.
                int status = lastFailureStatus.get();
                client.close();
                http.release();
                if (refused == null && McpFailures.revisionRefused(revision, e, status)) {
                    LOG.fine(() -> "MCP server " + endpoint.label() + " does not speak " + revision.version());
                    refused = e;
                    refusedStatus = status;
                    continue;
                }
                throw openingFailure(endpoint, e, status);
            }
        }
        throw openingFailure(endpoint, refused, refusedStatus);
    }

    private void start() {
        if (client.revision() == ProtocolRevision.SESSIONS) {
            try (McpTelemetry.McpRequestSpan span = telemetry.request("initialize", null, endpoint)) {
                observed(span, () -> {
                    client.open();
                    return null;
                });
            }
        }
        tools = listAll();
    }

    private static RuntimeException openingFailure(McpEndpoint endpoint, RuntimeException e, int status) {
        String summary = "MCP server " + endpoint.label() + " could not be opened";
        return failure(endpoint, e, status, summary, summary);
    }

    /**
     * What a failed request is to its caller: the server's own JSON-RPC error, a refusal for want of authorization,
     * else a failure to reach the server, with the HTTP status it answered if any.
     */
    private static RuntimeException failure(McpEndpoint endpoint, RuntimeException e, int status, String refused,
            String failed) {
        McpServerError serverError = McpFailures.serverError(endpoint.label(), e);
        if (serverError != null) {
            return serverError;
        }
        McpAuthorizationException denied = McpFailures.authorizationError(refused, endpoint.url(), e);
        if (denied != null) {
            return denied;
        }
        return new McpAccessException(failed + ": " + McpFailures.describe(e, status), e,
                status > 0 ? status : McpAccessException.UNREACHABLE);
    }

    public String label() {
        return endpoint.label();
    }

    /** The revision of MCP the server answered in. */
    public ProtocolRevision revision() {
        return client.revision();
    }

    public List<McpTool> tools() {
        return tools;
    }

    public McpCallResult call(String tool, String arguments) {
        Map<String, Object> parsed = ToolDescriptions.arguments(arguments);
        McpCallResult result;
        try (McpTelemetry.McpRequestSpan span = telemetry.request("tools/call", tool, endpoint)) {
            result = observed(span, () -> client.call(tool, parsed));
            if (result.isError()) {
                span.failed("tool_error");
            }
        } catch (RuntimeException e) {
            throw failure(endpoint, e, lastFailureStatus.get(), "MCP server " + endpoint.label()
                    + " refused the call to " + tool, "MCP server " + endpoint.label() + " failed the call to " + tool);
        }
        return result;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            http.release();
        }
    }

    private List<McpTool> listAll() {
        List<McpTool> all = new ArrayList<>();
        String cursor = null;
        do {
            String next = cursor;
            ProtocolClient.ToolPage page;
            try (McpTelemetry.McpRequestSpan span = telemetry.request("tools/list", null, endpoint)) {
                page = observed(span, () -> client.tools(next));
            }
            all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return List.copyOf(all);
    }

    /** Runs a request, telling its span how it failed. */
    private static <T> T observed(McpTelemetry.McpRequestSpan span, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            span.failed(errorType(e));
            throw e;
        }
    }

    /** A low-cardinality name for what went wrong: the JSON-RPC error code, or the failure's class. */
    private static String errorType(RuntimeException failure) {
        Integer code = McpFailures.errorCode(failure);
        if (code != null) {
            return String.valueOf(code);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }
}
