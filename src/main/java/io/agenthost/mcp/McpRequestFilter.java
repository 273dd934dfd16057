package io.agenthost.mcp;

import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * Stamps each outgoing MCP request with the headers of its endpoint, deciding per request. The credential goes
 * only to the server's own origin (scheme, host, port) and only over HTTPS, or plain HTTP to a loopback address;
 * a request anywhere else goes without it, and the log says so without showing it.
 */
final class McpRequestFilter implements McpSyncHttpClientRequestCustomizer {

    private static final Logger LOG = Logger.getLogger(McpRequestFilter.class.getName());

    private final McpEndpoint endpoint;
    private final ProofNonce nonce;

    McpRequestFilter(McpEndpoint endpoint, ProofNonce nonce) {
        this.endpoint = endpoint;
        this.nonce = nonce;
    }

    /** The key under which the MCP client's transport context carries the run scope of the calling thread. */
    static final String RUN_SCOPE = "agent-host.run-scope";

    /** The key under which it carries the OpenTelemetry context of the calling thread: the request's span. */
    static final String TRACE_CONTEXT = "agent-host.trace-context";

    /**
     * What the MCP client captures on the calling thread for each request: the run whose credentials the request
     * carries, and the span of the request, whose traceparent it carries.
     */
    static McpTransportContext transportContext() {
        Context trace = Context.current();
        return McpTransportContext.create(RunContext.current()
                .<Map<String, Object>>map(run -> Map.of(RUN_SCOPE, run, TRACE_CONTEXT, trace))
                .orElse(Map.of(TRACE_CONTEXT, trace)));
    }

    private static final TextMapSetter<BiConsumer<String, String>> HEADERS = (headers, name, value) -> {
        if (headers != null) {
            headers.accept(name, value);
        }
    };

    @Override
    public void customize(HttpRequest.Builder builder, String method, URI uri, String body, McpTransportContext context) {
        Context trace = stamp(new OutgoingRequest(method, uri, nonce.current()), context, builder::setHeader);
        if (trace != null) {
            Span span = Span.fromContext(trace);
            if (span.isRecording()) {
                McpRequestAttributes.record(span, body, builder.copy().build().headers()
                        .firstValue(McpRequestAttributes.SESSION_HEADER), ProtocolRevision.SESSIONS);
            }
        }
    }

    /**
     * The same for requests of the stateless revision. It runs where the request is sent from, without a hop to
     * another thread: on the run's thread, or on the HTTP client's when a refused request is tried again.
     */
    McpHttpRequestCustomizer stateless() {
        return (request, headers, context) -> Mono.fromRunnable(() -> {
            Context trace = stamp(new OutgoingRequest(request.httpMethod(), request.uri(), nonce.current()), context,
                    headers::set);
            if (trace != null) {
                McpRequestAttributes.record(Span.fromContext(trace), request.body(), Optional.empty(),
                        ProtocolRevision.STATELESS);
            }
        });
    }

    /** Sets the endpoint's headers and the trace's; returns the trace context the request carries, if any. */
    private Context stamp(OutgoingRequest request, McpTransportContext context, BiConsumer<String, String> headers) {
        RunScope run = context.get(RUN_SCOPE) instanceof RunScope scope ? scope : null;
        URI uri = request.uri();
        for (Map.Entry<String, String> header : endpoint.headers().forRequest(request, run).entrySet()) {
            if (header.getKey().equalsIgnoreCase(RequestHeaders.DPOP) && !mayCarryCredential(uri)) {
                continue;
            }
            if (header.getKey().equalsIgnoreCase(RequestHeaders.AUTHORIZATION)) {
                if (!mayCarryCredential(uri)) {
                    LOG.warning(() -> "Not sending the credential of " + endpoint.label() + " to " + uri.getScheme()
                            + "://" + uri.getAuthority() + ": not its origin, or not HTTPS");
                    continue;
                }
                LOG.fine(() -> request.method() + " " + endpoint.label() + " with the credential of " + endpoint.label()
                        + ", user " + (run == null ? "none" : run.caller() + ", run " + run.runId()));
            }
            if (!HeaderValues.isFieldValue(header.getValue())) {
                throw new UnsendableHeaderException(endpoint.label(), header.getKey());
            }
            headers.accept(header.getKey(), header.getValue());
        }
        if (context.get(TRACE_CONTEXT) instanceof Context trace) {
            // traceparent and tracestate of the request's span; nothing when telemetry is off.
            W3CTraceContextPropagator.getInstance().inject(trace, headers, HEADERS);
            return trace;
        }
        return null;
    }

    boolean mayCarryCredential(URI uri) {
        return sameOrigin(uri, endpoint.url()) && secureOrLoopback(uri);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    static boolean secureOrLoopback(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && LoopbackHosts.names(uri.getHost());
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
