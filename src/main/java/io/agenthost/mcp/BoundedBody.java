package io.agenthost.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A body read whole as text, in the charset its {@code Content-Type} names (UTF-8 if none): refused past a size, and
 * given up, its exchange ended, at a deadline. A request's own timeout ends with the answer's head.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private final Charset charset;
    private volatile Flow.Subscription subscription;

    private BoundedBody(int limit, Charset charset) {
        this.limit = limit;
        this.charset = charset;
    }

    /** @param deadline the {@link System#nanoTime()} by which the body must have ended */
    static HttpResponse.BodyHandler<String> handler(int limit, long deadline) {
        return info -> new BoundedBody(limit, charset(info.headers().firstValue("Content-Type").orElse("")))
                .until(deadline);
    }

    private BoundedBody until(long deadline) {
        text.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).whenComplete((body, failure) -> {
            if (failure instanceof TimeoutException) {
                Flow.Subscription reading = subscription;
                if (reading != null) {
                    reading.cancel();
                }
            }
        });
        return this;
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (text.isDone()) {
                return;
            }
            if (bytes.size() + item.remaining() > limit) {
                subscription.cancel();
                text.completeExceptionally(new IOException("the answer is larger than " + limit + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        text.complete(bytes.toString(charset));
    }
}
