package io.agenthost.background;

import io.agenthost.store.EventRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the runs of this server alive in the database and ends those of servers that died. Every quarter of
 * {@code agent.runs.lease}: the heartbeat of every local run; the local runs that were ended elsewhere (cancelled
 * through another server) are cancelled here; background responses whose heartbeat is older than the lease fail
 * with {@code server_restarted}; events older than {@code agent.events.retention} are deleted.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunLeases {

    private static final Logger LOG = Logger.getLogger(RunLeases.class.getName());
    private static final long MIN_TICK_MILLIS = 250;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LocalRuns runs;

    @Inject
    ResponseRepository responses;

    @Inject
    EventRepository events;

    @Inject
    @ConfigProperty(name = "agent.runs.lease", defaultValue = "PT60S")
    Duration lease;

    @Inject
    @ConfigProperty(name = "agent.events.retention", defaultValue = "PT24H")
    Duration retention;

    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        long tick = Math.max(MIN_TICK_MILLIS, lease.toMillis() / 4);
        ticks = scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticks.cancel(false);
    }

    void tick() {
        try {
            long now = System.currentTimeMillis();
            Set<String> local = runs.ids();
            responses.heartbeat(local, now);
            for (String id : responses.ended(local)) {
                runs.find(id).ifPresent(RunHandle::cancel);
            }
            for (ResponseRecord expired : responses.expired(now - lease.toMillis())) {
                if (runs.find(expired.id()).isEmpty()
                        && responses.finish(expired.id(), "failed", EndedResponses.restarted(expired.responseJson()))) {
                    LOG.warning(() -> "Background response " + expired.id()
                            + " failed: the server running it stopped heartbeating");
                }
            }
            int deleted = events.deleteBefore(now - retention.toMillis());
            if (deleted > 0) {
                LOG.fine(() -> deleted + " stored events past their retention deleted");
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next tick tries again.
            LOG.log(Level.FINE, "Run leases could not be kept this time", e);
        }
    }
}
