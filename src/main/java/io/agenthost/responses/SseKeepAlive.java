package io.agenthost.responses;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Comment lines on idle streams every {@code SSE_KEEPALIVE_INTERVAL} seconds, as the hosted-agent platform sets it;
 * none when it is unset or not positive.
 */
@ApplicationScoped
public class SseKeepAlive {

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final int seconds;

    @Inject
    public SseKeepAlive(@ConfigProperty(name = "SSE_KEEPALIVE_INTERVAL") Optional<Integer> seconds) {
        this.seconds = seconds.orElse(0);
    }

    /** For CDI proxies only. */
    protected SseKeepAlive() {
        this.seconds = 0;
    }

    /** Starts keeping the stream alive; run what it returns when the stream ends. */
    Runnable start(SseEventSink sink) {
        int interval = seconds;
        if (interval <= 0) {
            return () -> {
            };
        }
        Duration idle = Duration.ofSeconds(interval);
        ScheduledFuture<?> beat = scheduler.scheduleAtFixedRate(() -> sink.keepAlive(idle), interval, interval,
                TimeUnit.SECONDS);
        return () -> beat.cancel(false);
    }
}
