package io.agenthost.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.agenthost.run.McpAuthorization;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.context.Context;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One open MCP session with a server, over streamable HTTP (MCP Java SDK). Keeps the server's tool list, which
 * the server may change at any time ({@code notifications/tools/list_changed}).
 */
public final class McpConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(McpConnection.class.getName());

    private final McpEndpoint endpoint;
    private final McpSyncClient client;
    private final RetryingHttpClient http;
    private final AtomicInteger lastFailureStatus;
    private final McpTelemetry telemetry;
    private volatile List<McpTool> tools = List.of();

    private McpConnection(McpEndpoint endpoint, McpSyncClient client, RetryingHttpClient http,
            AtomicInteger lastFailureStatus, McpTelemetry telemetry) {
        this.telemetry = telemetry;
        this.endpoint = endpoint;
        this.client = client;
        this.http = http;
        this.lastFailureStatus = lastFailureStatus;
    }

    /**
     * Connects, initializes the session and lists the tools. Throws {@link McpServerError} when the server answers
     * with a JSON-RPC error (consent, for one), {@link McpAuthorizationException} when it refuses to authorize the
     * request, {@link McpAccessException} when it cannot be reached. A 401 is first offered to the application's
     * {@link McpAuthorization}, if it has one.
     */
    public static McpConnection open(McpEndpoint endpoint, McpClientSettings settings) {
        return open(endpoint, settings, McpAuthorization.lookup().orElse(null));
    }

    /** @param authorization asked, on a 401, whether the request is worth sending again; null to give up at once */
    public static McpConnection open(McpEndpoint endpoint, McpClientSettings settings,
            McpAuthorization authorization) {
        AtomicInteger lastFailureStatus = new AtomicInteger();
        URI url = endpoint.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RetryingHttpClient http = RetryingHttpClient.create(settings, endpoint.label(), lastFailureStatus);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .clientBuilder(http.asBuilder())
                .httpRequestCustomizer(new McpRequestFilter(endpoint))
                .authorizationErrorHandler(renewal(endpoint, authorization))
                .build();
        McpConnection[] self = new McpConnection[1];
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(settings.clientName(), settings.clientVersion()))
                .requestTimeout(settings.requestTimeout())
                .initializationTimeout(settings.requestTimeout())
                // Captured on the calling thread for each request: the run whose credentials the request carries, and
                // the span of the request, whose traceparent it carries.
                .transportContextProvider(() -> McpTransportContext.create(RunContext.current()
                        .<Map<String, Object>>map(run -> Map.of(McpRequestFilter.RUN_SCOPE, run,
                                McpRequestFilter.TRACE_CONTEXT, Context.current()))
                        .orElse(Map.of(McpRequestFilter.TRACE_CONTEXT, Context.current()))))
                .toolsChangeConsumer(changed -> {
                    if (self[0] != null) {
                        self[0].tools = convert(changed);
                        LOG.info(() -> "MCP server " + endpoint.label() + " changed its tools: " + changed.size());
                    }
                })
                .build();
        McpConnection connection = new McpConnection(endpoint, client, http, lastFailureStatus, settings.telemetry());
        self[0] = connection;
        try {
            try (McpTelemetry.McpRequestSpan span = settings.telemetry().request("initialize", null, endpoint)) {
                observed(span, () -> client.initialize());
            }
            connection.tools = connection.listAll();
            return connection;
        } catch (RuntimeException e) {
            client.close();
            http.release();
            McpServerError refused = McpFailures.serverError(endpoint.label(), e);
            if (refused != null) {
                throw refused;
            }
            McpAuthorizationException denied = McpFailures.authorizationError("MCP server " + endpoint.label()
                    + " could not be opened", url, e);
            if (denied != null) {
                throw denied;
            }
            int status = lastFailureStatus.get();
            throw new McpAccessException("MCP server " + endpoint.label() + " could not be opened: "
                    + McpFailures.describe(e, status), e, status > 0 ? status : McpAccessException.UNREACHABLE);
        }
    }

    /**
     * The transport retries a request refused with 401 once when this says so: the run's credential may have been
     * revoked or expired early, and a refreshed one is worth a try before the run gives up on the server.
     */
    private static McpHttpClientTransportAuthorizationErrorHandler renewal(McpEndpoint endpoint,
            McpAuthorization authorization) {
        if (authorization == null) {
            return McpHttpClientTransportAuthorizationErrorHandler.NOOP;
        }
        return McpHttpClientTransportAuthorizationErrorHandler.fromSync((request, response, context) -> {
            RunScope run = context.get(McpRequestFilter.RUN_SCOPE) instanceof RunScope scope ? scope : null;
            if (run == null || response.statusCode() != 401) {
                return false;
            }
            try {
                return authorization.renew(run, endpoint.url(),
                        request.headers().firstValue(RequestHeaders.AUTHORIZATION).orElse(null),
                        response.headers().allValues(McpFailures.WWW_AUTHENTICATE));
            } catch (RuntimeException e) {
                LOG.warning(() -> "MCP server " + endpoint.label() + " refused run " + run.runId()
                        + " and its credential could not be renewed: " + e.getClass().getSimpleName());
                return false;
            }
        });
    }

    public String label() {
        return endpoint.label();
    }

    public List<McpTool> tools() {
        return tools;
    }

    public McpCallResult call(String tool, String arguments) {
        Map<String, Object> parsed = parseArguments(arguments);
        McpSchema.CallToolResult result;
        try (McpTelemetry.McpRequestSpan span = telemetry.request("tools/call", tool, endpoint)) {
            result = observed(span, () -> client.callTool(new McpSchema.CallToolRequest(tool, parsed)));
            if (Boolean.TRUE.equals(result.isError())) {
                span.failed("tool_error");
            }
        } catch (RuntimeException e) {
            McpServerError serverError = McpFailures.serverError(endpoint.label(), e);
            if (serverError != null) {
                throw serverError;
            }
            McpAuthorizationException denied = McpFailures.authorizationError("MCP server " + endpoint.label()
                    + " refused the call to " + tool, endpoint.url(), e);
            if (denied != null) {
                throw denied;
            }
            int status = lastFailureStatus.get();
            throw new McpAccessException("MCP server " + endpoint.label() + " failed the call to " + tool + ": "
                    + McpFailures.describe(e, status), e, status > 0 ? status : McpAccessException.UNREACHABLE);
        }
        return new McpCallResult(McpFailures.text(result), Boolean.TRUE.equals(result.isError()));
    }

    @Override
    public void close() {
        try {
            client.closeGracefully();
        } catch (RuntimeException e) {
            LOG.fine(() -> "closing MCP server " + endpoint.label() + ": " + e);
        } finally {
            http.release();
        }
    }

    private List<McpTool> listAll() {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            String next = cursor;
            McpSchema.ListToolsResult page;
            try (McpTelemetry.McpRequestSpan span = telemetry.request("tools/list", null, endpoint)) {
                page = observed(span, () -> next == null ? client.listTools() : client.listTools(next));
            }
            all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return convert(all);
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
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                return String.valueOf(error.getJsonRpcError().code());
            }
        }
        Throwable root = McpError.findRootCause(failure);
        return root.getClass().getName();
    }

    private static List<McpTool> convert(List<McpSchema.Tool> tools) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        List<McpTool> converted = new ArrayList<>(tools.size());
        for (McpSchema.Tool tool : tools) {
            converted.add(new McpTool(tool.name(), tool.description() == null ? "" : tool.description(),
                    toJson(mapper, tool.inputSchema()), toJson(mapper, tool.annotations())));
        }
        return List.copyOf(converted);
    }

    private static JsonObject toJson(McpJsonMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(mapper.writeValueAsString(value)))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a tool description", e);
        }
    }

    private static Map<String, Object> parseArguments(String arguments) {
        try {
            return McpJsonDefaults.getMapper().readValue(arguments == null || arguments.isBlank() ? "{}" : arguments,
                    new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() {
                    });
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the arguments are not a JSON object", e);
        }
    }
}
