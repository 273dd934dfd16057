package io.agenthost.mcp;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * The HTTP exchanges of one MCP session that have not ended: answers not yet received, and bodies not yet read to
 * their end (the session's event streams). An HTTP client with an exchange in flight is never collected, nor are its
 * thread and connections, and Java 17's client cannot be closed: closing the session aborts what is left, so that
 * its connections close and the client goes with the session.
 */
final class InFlightExchanges {

    private final Set<CompletableFuture<?>> answers = ConcurrentHashMap.newKeySet();
    private final Set<Flow.Subscription> bodies = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    /** An answer on its way; cancelling it aborts the exchange. */
    <T> CompletableFuture<HttpResponse<T>> track(CompletableFuture<HttpResponse<T>> answer) {
        answers.add(answer);
        answer.whenComplete((response, failure) -> answers.remove(answer));
        if (aborted) {
            answer.cancel(true);
        }
        return answer;
    }

    /** A body being read; cancelling its subscription closes the connection it comes on. */
    <T> HttpResponse.BodySubscriber<T> track(HttpResponse.BodySubscriber<T> body) {
        return new TrackedBody<>(body);
    }

    /** Ends every exchange still in flight; later ones end as soon as they start. */
    void abortAll() {
        aborted = true;
        answers.forEach(answer -> answer.cancel(true));
        bodies.forEach(Flow.Subscription::cancel);
    }

    int size() {
        return answers.size() + bodies.size();
    }

    private final class TrackedBody<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> inner;
        private volatile Flow.Subscription tracked;

        TrackedBody(HttpResponse.BodySubscriber<T> inner) {
            this.inner = inner;
        }

        @Override
        public CompletionStage<T> getBody() {
            return inner.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            Flow.Subscription wrapped = new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    bodies.remove(this);
                    subscription.cancel();
                }
            };
            tracked = wrapped;
            bodies.add(wrapped);
            inner.onSubscribe(wrapped);
            if (aborted) {
                wrapped.cancel();
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            untrack();
            inner.onError(throwable);
        }

        @Override
        public void onComplete() {
            untrack();
            inner.onComplete();
        }

        private void untrack() {
            Flow.Subscription subscription = tracked;
            if (subscription != null) {
                bodies.remove(subscription);
            }
        }
    }
}
