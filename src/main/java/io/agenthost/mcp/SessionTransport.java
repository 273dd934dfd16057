package io.agenthost.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The streamable HTTP transport of MCP 2025-11-25 under the SDK's session client. A message is posted, and its answer
 * read, on the thread that sends it: the SDK's own transport carries every answer through a reactive pipeline across
 * threads, which cost a near server's client three times what the exchange does (docs/BENCHMARKS.md). What the
 * server sends outside an answer (a changed tool list) comes on the session's event stream, a GET the HTTP client
 * keeps open and resumes after its last event.
 */
final class SessionTransport implements McpClientTransport {

    /** The largest answer taken, as the SDK's transport: 16 MiB. */
    static final int MAX_ANSWER = 16 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String JSON = "application/json";

    private final URI uri;
    private final String label;
    private final RetryingHttpClient http;
    private final McpSyncHttpClientRequestCustomizer filter;
    private final McpHttpClientTransportAuthorizationErrorHandler authorization;
    private final Duration timeout;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler =
            message -> Mono.error(new IllegalStateException("the transport is not connected"));
    private volatile Consumer<Throwable> exceptionHandler = failure -> { };
    // Guarded by this: the session the server gave, its event stream, and whether the session is over.
    private String session;
    private boolean streamOpened;
    private CompletableFuture<?> stream;
    private boolean closed;

    /** @param timeout how long an answer may take, from the request to the end of its body */
    SessionTransport(McpEndpoint endpoint, RetryingHttpClient http, McpSyncHttpClientRequestCustomizer filter,
            McpHttpClientTransportAuthorizationErrorHandler authorization, Duration timeout) {
        this.uri = endpoint.url();
        this.label = endpoint.label();
        this.http = http;
        this.filter = filter;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        this.handler = handler;
        return Mono.empty();
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.deferContextual(context -> {
            try {
                post(message, context);
                return Mono.<Void>empty();
            } catch (RuntimeException e) {
                return Mono.<Void>error(e);
            }
        });
    }

    private void post(McpSchema.JSONRPCMessage message, ContextView context) {
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (IOException e) {
            throw new McpTransportException("the message could not be written", e);
        }
        String sentSession;
        synchronized (this) {
            if (closed) {
                throw new McpTransportSessionClosedException("the MCP session with " + label + " is closed");
            }
            sentSession = session;
        }
        HttpResponse<String> answer = exchange("POST", body, sentSession, context);
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            started(sentSession, answer.headers().firstValue(McpRequestAttributes.SESSION_HEADER).orElse(null), context);
            read(message, answer);
        } else if ((status == 404 || status == 400) && sentSession != null) {
            // The server no longer knows the session (some answer 400 for that): the client opens another.
            throw lost(sentSession, "does not know the session");
        } else {
            throw new McpTransportException("MCP server " + label + " answered HTTP " + status);
        }
    }

    /** Sends a request, again while the authorization handler says a renewed one is worth sending. */
    private HttpResponse<String> exchange(String method, String body, String sentSession, ContextView context) {
        McpTransportContext transportContext = transportContext(context);
        for (int retries = 0; ; retries++) {
            HttpRequest request = request(method, body, sentSession, null, context);
            HttpResponse<String> answer = send(request);
            int status = answer.statusCode();
            if (status != 401 && status != 403) {
                return answer;
            }
            HttpRequestSnapshot sent = new HttpRequestSnapshot(request.uri(), method, request.headers());
            Answer info = new Answer(status, answer.headers(), answer.version());
            if (retries >= authorization.maxRetries() || !renewed(sent, info, transportContext)) {
                throw new McpHttpClientTransportAuthorizationException("MCP server " + label + " refused to authorize "
                        + method, sent, info);
            }
        }
    }

    /**
     * Sends on this thread and reads the whole answer within the request timeout: the request's own timeout covers
     * the head, the body's deadline the rest.
     */
    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BoundedBody.handler(MAX_ANSWER, System.nanoTime() + timeout.toNanos()));
        } catch (IOException e) {
            throw new McpTransportException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportException("interrupted while waiting for MCP server " + label, e);
        }
    }

    private boolean renewed(HttpRequestSnapshot sent, Answer answer, McpTransportContext context) {
        return Boolean.TRUE.equals(Mono.from(authorization.handle(sent, answer, context)).block());
    }

    private HttpRequest request(String method, String body, String sentSession, String lastEventId,
            ContextView context) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Cache-Control", "no-cache")
                .header("MCP-Protocol-Version",
                        context.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, ProtocolVersions.MCP_2025_11_25));
        if (sentSession != null) {
            builder.header(McpRequestAttributes.SESSION_HEADER, sentSession);
        }
        switch (method) {
            case "POST" -> builder.header("Accept", JSON + ", " + EVENT_STREAM)
                    .header("Content-Type", JSON + "; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            case "GET" -> {
                builder.header("Accept", EVENT_STREAM).GET();
                if (lastEventId != null) {
                    builder.header("Last-Event-ID", lastEventId);
                }
            }
            default -> builder.DELETE();
        }
        if (!method.equals("GET")) {
            builder.timeout(timeout);
        }
        filter.customize(builder, method, uri, body, transportContext(context));
        return builder.build();
    }

    private static McpTransportContext transportContext(ContextView context) {
        return context.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
    }

    /**
     * The first answer of a session opens its event stream, once. A late answer in a session already lost opens
     * nothing: its stream would be the next session's, asked for without the session.
     */
    private void started(String sentSession, String givenSession, ContextView context) {
        synchronized (this) {
            if (session == null && sentSession == null && givenSession != null) {
                session = givenSession;
            }
            boolean current = Objects.equals(session, sentSession == null ? givenSession : sentSession);
            if (streamOpened || closed || !current) {
                return;
            }
            streamOpened = true;
        }
        openStream(context, null, 0);
    }

    private void read(McpSchema.JSONRPCMessage sent, HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String body = answer.body();
        if (answer.statusCode() == 202 || type.isBlank() || body.isEmpty()) {
            return;
        }
        if (type.contains(EVENT_STREAM)) {
            new ServerSentEvents(event -> {
                if (event.isMessage()) {
                    receive(event.data());
                }
            }).read(body);
        } else if (type.contains(JSON)) {
            if (!(sent instanceof McpSchema.JSONRPCNotification)) {
                receive(body);
            }
        } else {
            throw new McpTransportException("MCP server " + label + " answered with " + type);
        }
    }

    /** Hands a message of the server to the session. */
    private void receive(String data) {
        if (data.isBlank()) {
            return; // an event that only primes the stream for resumption
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, data);
        } catch (IOException | IllegalArgumentException e) {
            throw new McpTransportException("MCP server " + label + " sent a message that is not JSON-RPC", e);
        }
        handler.apply(Mono.just(message)).subscribe(null,
                failure -> LOG.fine(() -> "handling a message of MCP server " + label + ": " + failure));
    }

    /** Opens the stream of server messages, resuming after {@code lastEventId} if not null. */
    private void openStream(ContextView context, String lastEventId, int authorizationRetries) {
        HttpRequest request;
        String sentSession;
        synchronized (this) {
            if (closed) {
                return;
            }
            sentSession = session;
        }
        try {
            request = request("GET", null, sentSession, lastEventId, context);
        } catch (RuntimeException e) {
            LOG.fine(() -> "the event stream of MCP server " + label + " was not opened: " + e);
            return;
        }
        ServerSentEvents events = new ServerSentEvents(event -> {
            if (event.isMessage()) {
                try {
                    receive(event.data());
                } catch (RuntimeException e) {
                    LOG.fine(() -> e.getMessage());
                }
            }
        });
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromLineSubscriber(events)
                : HttpResponse.BodySubscribers.discarding());
        synchronized (this) {
            stream = answer;
            if (closed) {
                answer.cancel(true);
            }
        }
        answer.whenComplete((response, failure) -> streamEnded(context, request, sentSession, response, failure,
                events, authorizationRetries));
    }

    private void streamEnded(ContextView context, HttpRequest request, String sentSession, HttpResponse<Void> response,
            Throwable failure, ServerSentEvents events, int authorizationRetries) {
        synchronized (this) {
            if (closed || !Objects.equals(session, sentSession)) {
                return;
            }
        }
        if (failure != null) {
            LOG.fine(() -> "the event stream of MCP server " + label + " ended: " + failure);
            return;
        }
        int status = response.statusCode();
        if (status == 200) {
            if (events.count() > 0 && events.lastId() != null) {
                openStream(context, events.lastId(), 0);
            }
        } else if (status == 401 || status == 403) {
            HttpRequestSnapshot sent = new HttpRequestSnapshot(request.uri(), "GET", request.headers());
            if (authorizationRetries < authorization.maxRetries()
                    && renewed(sent, new Answer(status, response.headers(), response.version()),
                            transportContext(context))) {
                openStream(context, request.headers().firstValue("Last-Event-ID").orElse(null),
                        authorizationRetries + 1);
            }
        } else if ((status == 404 || status == 400) && sentSession != null) {
            lost(sentSession, "ended the session's event stream: the session is unknown");
        } else {
            // 405: the server sends nothing outside its answers
            LOG.fine(() -> "MCP server " + label + " has no event stream: HTTP " + status);
        }
    }

    /**
     * Forgets a session the server no longer knows, and has the client open another. The event stream and a call may
     * both find it lost; only the first tells the client, or it would open a second session and orphan the first.
     */
    private McpTransportSessionNotFoundException lost(String sentSession, String why) {
        McpTransportSessionNotFoundException failure =
                new McpTransportSessionNotFoundException("MCP server " + label + " " + why);
        synchronized (this) {
            if (!Objects.equals(session, sentSession)) {
                return failure;
            }
            session = null;
            streamOpened = false;
            if (stream != null) {
                stream.cancel(true);
                stream = null;
            }
        }
        exceptionHandler.accept(failure);
        return failure;
    }

    /** Ends the session: its event stream, and the session at the server (a DELETE), which may refuse. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.deferContextual(context -> {
            String ended;
            synchronized (this) {
                if (closed) {
                    return Mono.<Void>empty();
                }
                closed = true;
                ended = session;
                if (stream != null) {
                    stream.cancel(true);
                }
            }
            if (ended != null) {
                try {
                    send(request("DELETE", null, ended, null, context));
                } catch (RuntimeException e) {
                    LOG.fine(() -> "ending the session with MCP server " + label + ": " + e);
                }
            }
            return Mono.<Void>empty();
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }

    /** The head of an answer, as the authorization handler reads it. */
    private record Answer(int statusCode, HttpHeaders headers, HttpClient.Version version)
            implements HttpResponse.ResponseInfo {
    }
}
