package io.agenthost.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.client.McpResponseLostException;
import io.modelcontextprotocol.modern.client.transport.McpClientTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpAuthorizationErrorHandler;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequest;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestHeaders;
import io.modelcontextprotocol.modern.client.transport.McpHttpResponseInfo;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import io.modelcontextprotocol.modern.client.transport.McpTransportRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import reactor.core.publisher.Flux;

/**
 * The HTTP transport of MCP 2026-07-28 under the SDK's stateless client: each request is posted, and its answer read,
 * on the thread that sends it, as {@link SessionTransport} does for sessions and for the same reason. The request's
 * headers are the SDK's ({@link McpHttpRequestHeaders}: the revision, the method and name, the mirrored tool
 * parameters); failures are the SDK transport's: a status that is not a JSON-RPC error is an
 * {@link McpHttpStatusException}, an answer lost after the request was sent an {@link McpResponseLostException}.
 */
final class StatelessTransport implements McpClientTransport {

    private static final Logger LOG = Logger.getLogger(StatelessTransport.class.getName());

    private final URI uri;
    private final String label;
    private final RetryingHttpClient http;
    private final McpHttpRequestCustomizer filter;
    private final McpHttpAuthorizationErrorHandler authorization;
    private final Duration timeout;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    /** @param timeout how long an answer may take when the request does not say (its round timeout) */
    StatelessTransport(McpEndpoint endpoint, RetryingHttpClient http, McpHttpRequestCustomizer filter,
            McpHttpAuthorizationErrorHandler authorization, Duration timeout) {
        this.uri = endpoint.url();
        this.label = endpoint.label();
        this.http = http;
        this.filter = filter;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    @Override
    public boolean mirrorsToolParams() {
        return true;
    }

    @Override
    public Flux<JsonRpc.JSONRPCMessage> exchange(McpTransportRequest request) {
        return Flux.deferContextual(context -> {
            String body;
            try {
                body = json.writeValueAsString(request.message());
            } catch (IOException e) {
                return Flux.error(new IllegalArgumentException("Request can't be serialized", e));
            }
            try {
                return Flux.fromIterable(exchange(request, body,
                        context.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY)));
            } catch (Exception e) {
                return Flux.error(e);
            }
        });
    }

    private List<JsonRpc.JSONRPCMessage> exchange(McpTransportRequest request, String body,
            McpTransportContext context) throws Exception {
        Duration wait = request.roundTimeout() != null ? request.roundTimeout() : timeout;
        for (int attempt = 0; ; attempt++) {
            McpHttpRequestHeaders headers = McpHttpRequestHeaders.forRequest(request);
            filter.customize(McpHttpRequest.builder(uri, request, body).headers(headers.asHttpHeaders()).build(),
                    headers, context).block();
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(wait)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            HttpRequest sent = builder.build();
            HttpResponse<String> answer = send(request.method(), sent, wait);
            int status = answer.statusCode();
            if (status == 401 || status == 403) {
                McpHttpStatusException refused = new McpHttpStatusException(uri, status, answer.headers(),
                        answer.body());
                if (attempt >= authorization.maxRetries() || !Boolean.TRUE.equals(authorization.handle(
                        McpHttpRequest.builder(uri, request, body).headers(sent.headers()).build(),
                        McpHttpResponseInfo.of(status, answer.headers()), context).defaultIfEmpty(false).block())) {
                    throw refused;
                }
                continue;
            }
            if (status < 200 || status >= 300) {
                return List.of(statusError(answer));
            }
            try {
                return messages(answer);
            } catch (RuntimeException | IOException e) {
                throw new McpResponseLostException(request.method(), e);
            }
        }
    }

    private HttpResponse<String> send(String method, HttpRequest request, Duration wait) throws Exception {
        try {
            return http.send(request, BoundedBody.handler(SessionTransport.MAX_ANSWER, System.nanoTime()
                    + wait.toNanos()));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw e; // never sent: the client may send it again
        } catch (IOException e) {
            throw new McpResponseLostException(method, e);
        }
    }

    /** A refusal the server explained as a JSON-RPC error is that error; any other, the status. */
    private JsonRpc.JSONRPCMessage statusError(HttpResponse<String> answer) {
        if (isType(answer, "application/json")) {
            try {
                if (JsonRpc.deserializeMessage(json, answer.body()) instanceof JsonRpc.JSONRPCResponse response
                        && response.error() != null) {
                    return response;
                }
            } catch (IOException | RuntimeException e) {
                LOG.fine(() -> "MCP server " + label + " answered HTTP " + answer.statusCode()
                        + " with a body that is not a JSON-RPC error");
            }
        }
        throw new McpHttpStatusException(uri, answer.statusCode(), answer.headers(), answer.body());
    }

    /** The messages of an answer up to the response, without requests of the server, which this revision has not. */
    private List<JsonRpc.JSONRPCMessage> messages(HttpResponse<String> answer) throws IOException {
        List<String> data = new ArrayList<>();
        if (isType(answer, "text/event-stream")) {
            new ServerSentEvents(event -> {
                if (event.isMessage() && !event.data().isBlank()) {
                    data.add(event.data());
                }
            }).read(answer.body());
        } else if (isType(answer, "application/json")) {
            data.add(answer.body());
        } else {
            throw new IOException("MCP server " + label + " answered with "
                    + answer.headers().firstValue("Content-Type").orElse("no content type") + " (HTTP "
                    + answer.statusCode() + ")");
        }
        List<JsonRpc.JSONRPCMessage> messages = new ArrayList<>();
        for (String each : data) {
            JsonRpc.JSONRPCMessage message = parse(each);
            if (message instanceof JsonRpc.JSONRPCRequest request) {
                LOG.warning(() -> "MCP server " + label + " sent a request (" + request.method()
                        + ") in an answer of MCP 2026-07-28; it is ignored");
                continue;
            }
            messages.add(message);
            if (message instanceof JsonRpc.JSONRPCResponse) {
                return messages;
            }
        }
        throw new IOException("The response stream ended without a response");
    }

    private JsonRpc.JSONRPCMessage parse(String data) {
        try {
            return JsonRpc.deserializeMessage(json, data);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Malformed JSON from the server", e);
        }
    }

    private static boolean isType(HttpResponse<String> answer, String type) {
        return answer.headers().firstValue("Content-Type").map(value -> value.toLowerCase(Locale.ROOT).contains(type))
                .orElse(false);
    }
}
