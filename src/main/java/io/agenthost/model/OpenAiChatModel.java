package io.agenthost.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A model behind a Chat Completions endpoint (OpenAI, Azure OpenAI, local OpenAI-compatible servers), streamed over
 * the JDK's HTTP client. A request that fails before the answer starts (no connection, or 408, 409, 429, 5xx) is tried
 * again, twice at most, after the wait the server asks for ({@code Retry-After}) or a short backoff; an answer that
 * stalls for longer than the timeout is given up.
 */
public final class OpenAiChatModel implements ModelClient, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenAiChatModel.class.getName());
    private static final Set<Integer> RETRIED = Set.of(408, 409, 429, 500, 502, 503, 504);
    private static final int MAX_ERROR_BODY = 16 * 1024;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

    private final ChatCompletionsEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxRetries;
    /** Gives up answers that stopped sending: the JDK's client bounds the wait for the headers only. */
    private final ScheduledExecutorService watchdog;

    OpenAiChatModel(ChatCompletionsEndpoint endpoint, Duration timeout, int maxRetries) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String providerName() {
        return endpoint.providerName();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    @Override
    public ModelReply complete(ModelRequest request, Consumer<String> textDeltas) {
        String body = ChatCompletionsBody.of(request).toString();
        for (int attempt = 0; ; attempt++) {
            URI url = endpoint.url(request.model());
            HttpRequest.Builder message = HttpRequest.newBuilder(url)
                    // Plain http is a local server: HTTP/1.1 at once, without an upgrade to HTTP/2 it may not know.
                    .version("http".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_1_1
                            : HttpClient.Version.HTTP_2)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            endpoint.authenticate(message);
            HttpResponse<InputStream> response;
            try {
                response = http.send(message.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < maxRetries) {
                    // The first at once: a pooled connection the server closed unannounced fails before sending.
                    if (attempt > 0) {
                        pause(backoff(attempt));
                    }
                    continue;
                }
                throw new ModelException("the model endpoint failed: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("the model call was interrupted", e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return read(response.body(), textDeltas);
            }
            String error = errorBody(response.body());
            if (RETRIED.contains(status) && attempt < maxRetries) {
                LOG.fine(() -> endpoint + " answered HTTP " + status + "; trying again");
                pause(retryAfter(response).orElse(backoff(attempt)));
                continue;
            }
            throw new ModelException("the model endpoint failed: " + ChatCompletionsErrors.describe(status, error),
                    null);
        }
    }

    private ModelReply read(InputStream body, Consumer<String> textDeltas) {
        ChatCompletionsStream stream = new ChatCompletionsStream(textDeltas);
        StallGuard guard = new StallGuard(body);
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(guard, 1, 1, TimeUnit.SECONDS);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                guard.handling(true);
                boolean done = stream.line(line);
                guard.handling(false);
                if (done) {
                    break;
                }
            }
        } catch (IOException e) {
            if (guard.stalled) {
                throw new ModelException("the model endpoint sent nothing for " + timeout.toSeconds() + " s", e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new ModelException("the model call was interrupted", e);
            }
            throw new ModelException("the model endpoint broke off its answer: " + e.getClass().getSimpleName(), e);
        } finally {
            check.cancel(false);
        }
        if (!stream.received()) {
            throw new ModelException("the model endpoint answered without a stream of chunks", null);
        }
        return stream.reply();
    }

    /**
     * Closes an answer's body once it has sent nothing for the timeout, which ends the blocked read. The time a line
     * takes to be handled (handed to a slow client, say) is not the model's silence.
     */
    private final class StallGuard implements Runnable {
        private final InputStream body;
        private volatile long lastRead = System.nanoTime();
        private volatile boolean handling;
        private volatile boolean stalled;

        StallGuard(InputStream body) {
            this.body = body;
        }

        void handling(boolean now) {
            handling = now;
            lastRead = System.nanoTime();
        }

        @Override
        public void run() {
            if (!stalled && !handling && System.nanoTime() - lastRead > timeout.toNanos()) {
                stalled = true;
                try {
                    body.close();
                } catch (IOException e) {
                    LOG.fine(() -> "closing a stalled model answer failed: " + e);
                }
            }
        }
    }

    private static String errorBody(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                Duration wait = Duration.ofSeconds(Long.parseLong(value.strip()));
                return wait.isNegative() || wait.compareTo(MAX_RETRY_WAIT) > 0 ? Optional.empty()
                        : Optional.of(wait);
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }

    private static Duration backoff(int attempt) {
        long millis = 500L << attempt;
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 4 + 1));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("the model call was interrupted", e);
        }
    }
}
