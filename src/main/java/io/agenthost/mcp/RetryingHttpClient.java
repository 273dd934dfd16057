package io.agenthost.mcp;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that tries a request again on 429 and 5xx, as its {@link RetryPolicy} says, before the
 * caller sees the answer: a retried answer never reaches the transport's body handler. It never follows redirects and
 * keeps no cookies: a credential must not travel anywhere but the server it was meant for.
 */
final class RetryingHttpClient extends HttpClient {

    private static final Logger LOG = Logger.getLogger(RetryingHttpClient.class.getName());

    /** Null once the session is over: see {@link #release()}. */
    private volatile HttpClient delegate;
    /**
     * For requests that carry a credential over HTTPS, when those are checked otherwise than the rest (the server
     * certificate's revocation): built at the first such request, null until then and once the session is over.
     */
    private volatile HttpClient credentialDelegate;
    private final HttpClient.Builder credentialBuilder;
    // What the client was built with, kept apart from it so that nothing here holds it after release().
    private final Optional<Duration> connectTimeout;
    private final Optional<ProxySelector> proxy;
    private final SSLContext sslContext;
    private final SSLParameters sslParameters;
    private final Version version;
    private final Optional<Executor> executor;
    private final RetryPolicy policy;
    private final String label;
    private final AtomicInteger lastFailureStatus;
    private final ProofNonce nonce;
    private final InFlightExchanges exchanges = new InFlightExchanges();

    private RetryingHttpClient(HttpClient delegate, HttpClient.Builder credentialBuilder, RetryPolicy policy,
            String label, AtomicInteger lastFailureStatus, ProofNonce nonce) {
        this.delegate = delegate;
        this.credentialBuilder = credentialBuilder;
        this.connectTimeout = delegate.connectTimeout();
        this.proxy = delegate.proxy();
        this.sslContext = delegate.sslContext();
        this.sslParameters = delegate.sslParameters();
        this.version = delegate.version();
        this.executor = delegate.executor();
        this.policy = policy;
        this.label = label;
        this.lastFailureStatus = lastFailureStatus;
        this.nonce = nonce;
    }

    /**
     * @param lastFailureStatus receives the status of the last answer to a message (POST) that was not a success, so
     *                          that a failure the transport reports without its status can still be explained
     * @param nonce             learns the DPoP nonce the server gives with its answers
     */
    static RetryingHttpClient create(McpClientSettings settings, String label, AtomicInteger lastFailureStatus,
            ProofNonce nonce) {
        // A client per MCP session: sessions of different runs never share an HTTP connection.
        // HTTP/1.1, as the SDK's transports default to: asked for HTTP/2, the JDK's client offers an upgrade (h2c)
        // on plain HTTP connections, which MCP servers do not take, and pays for it on every connection.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(Version.HTTP_1_1).followRedirects(Redirect.NEVER);
        if (settings.httpExecutor() != null) {
            builder.executor(settings.httpExecutor());
        }
        HttpClient.Builder credentialBuilder = null;
        if (settings.trust() != null) {
            builder.sslContext(settings.trust().plain());
            if (!settings.trust().uniform()) {
                credentialBuilder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                        .version(Version.HTTP_1_1)
                        .followRedirects(Redirect.NEVER).sslContext(settings.trust().credential());
                if (settings.httpExecutor() != null) {
                    credentialBuilder.executor(settings.httpExecutor());
                }
            }
        }
        return new RetryingHttpClient(builder.build(), credentialBuilder, settings.retry(), label, lastFailureStatus,
                nonce);
    }

    /** The client for this request: one that checks revocation when it carries a credential over HTTPS. */
    private HttpClient clientFor(HttpRequest request) {
        HttpClient plain = delegate;
        if (credentialBuilder == null || plain == null || !"https".equalsIgnoreCase(request.uri().getScheme())
                || request.headers().firstValue("Authorization").isEmpty()) {
            return plain;
        }
        synchronized (credentialBuilder) {
            if (credentialDelegate == null && delegate != null) {
                credentialDelegate = credentialBuilder.build();
            }
            return credentialDelegate;
        }
    }

    /**
     * Ends the exchanges still in flight and lets go of the HTTP client, once the session is over. A connection kept
     * alive in the client's pool holds its last exchange, whose body handler (the transport's) leads back here: were
     * the client still referenced from here, it could never be collected while the server keeps the connection open,
     * and neither could its selector thread and connections.
     */
    void release() {
        exchanges.abortAll();
        delegate = null;
        if (credentialBuilder != null) {
            synchronized (credentialBuilder) {
                credentialDelegate = null;
            }
        }
    }

    /** How many exchanges are still in flight. */
    int exchangesInFlight() {
        return exchanges.size();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return attempt(request, handler, 0);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return attempt(request, handler, 0);
    }

    /**
     * Sends on the calling thread and waits there between tries: the answer is read without the hops between threads
     * that an asynchronous exchange makes, which cost more than the exchange itself on a near server.
     */
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int retries = 0; ; retries++) {
            HttpClient client = clientFor(request);
            if (client == null) {
                throw closed();
            }
            AtomicReference<Duration> wait = new AtomicReference<>();
            HttpResponse<T> response = client.send(request, guarded(request, handler, retries, wait));
            Duration delay = wait.get();
            if (delay == null) {
                return response;
            }
            Thread.sleep(delay.toMillis());
        }
    }

    private <T> CompletableFuture<HttpResponse<T>> attempt(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            int retries) {
        AtomicReference<Duration> wait = new AtomicReference<>();
        HttpClient client = clientFor(request);
        if (client == null) {
            return CompletableFuture.failedFuture(closed());
        }
        CompletableFuture<HttpResponse<T>> sent = exchanges.track(client.sendAsync(request,
                guarded(request, handler, retries, wait)));
        CompletableFuture<HttpResponse<T>> answer = sent.thenCompose(response -> {
            Duration delay = wait.get();
            if (delay == null) {
                return CompletableFuture.completedFuture(response);
            }
            Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> retries + 1, later)
                    .thenCompose(next -> attempt(request, handler, next));
        });
        // The transport gives up on an answer by cancelling it: the exchange must end too.
        answer.whenComplete((response, failure) -> {
            if (answer.isCancelled()) {
                sent.cancel(true);
            }
        });
        return answer;
    }

    /**
     * The handler of one try: it learns the DPoP nonce and the status of a refused message, and sets {@code wait}
     * to the delay before the next try when the answer is to be tried again, whose body is then dropped unread.
     */
    private <T> HttpResponse.BodyHandler<T> guarded(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            int retries, AtomicReference<Duration> wait) {
        // Only the answers to messages (POST) explain a failed request: a GET refused with 405 is a server without
        // a stream for server messages, and comes at any moment, also while a refused request is being reported.
        boolean message = "POST".equals(request.method());
        return info -> {
            nonce.answered(info.statusCode(), request.headers(), info.headers());
            if (info.statusCode() >= 400 && message) {
                lastFailureStatus.set(info.statusCode());
            }
            if (retries < policy.maxRetries() && policy.retryable(info.statusCode())) {
                wait.set(policy.delay(retries + 1, info.headers().firstValue("Retry-After")));
                LOG.fine(() -> "MCP server " + label + " answered " + info.statusCode() + "; retry " + (retries + 1)
                        + " in " + wait.get().toMillis() + " ms");
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return exchanges.track(handler.apply(info));
        };
    }

    private IOException closed() {
        return new IOException("the MCP session with " + label + " is closed");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return connectTimeout;
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return proxy;
    }

    @Override
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public SSLParameters sslParameters() {
        return sslParameters;
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public Optional<Executor> executor() {
        return executor;
    }
}
