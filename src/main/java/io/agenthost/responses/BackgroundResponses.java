package io.agenthost.responses;

import io.agenthost.background.BackgroundRuns;
import io.agenthost.background.EndedResponses;
import io.agenthost.background.EventLog;
import io.agenthost.background.LocalRuns;
import io.agenthost.background.RunHandle;
import io.agenthost.json.Json;
import io.agenthost.run.CallerIdentity;
import io.agenthost.run.PlatformCall;
import io.agenthost.run.RunScope;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;

/**
 * Responses whose events are stored: foreground streams that can be picked up again, and background responses,
 * which run on after the answer, can be followed from any event and can be cancelled (README: Background
 * responses, replay and cancel).
 */
@ApplicationScoped
public class BackgroundResponses {

    /** How long a cancel waits for the run to stop before it records the end itself. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BackgroundResponses.class.getName());

    private final ResponseService responses;
    private final ResponseRepository store;
    private final EventLog log;
    private final LocalRuns local;
    private final BackgroundRuns background;
    private final Instance<PlatformCall> platform;
    private final CallerIdentity caller;

    @Inject
    public BackgroundResponses(ResponseService responses, ResponseRepository store, EventLog log, LocalRuns local,
            BackgroundRuns background, Instance<PlatformCall> platform, CallerIdentity caller) {
        this.responses = responses;
        this.store = store;
        this.log = log;
        this.local = local;
        this.background = background;
        this.platform = platform;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected BackgroundResponses() {
        this(null, null, null, null, null, null, null);
    }

    /** Runs a stored response in the foreground as a stream, storing each event as it is sent. */
    void stream(PreparedRun prepared, SseEventSink client) {
        String id = prepared.response().id();
        try (RunHandle handle = local.register(id)) {
            responses.stream(prepared, new NumberedEvents(event -> {
                client.write(event);
                log.append(id, event);
            }, end -> log.finish(id, end)));
        }
    }

    /**
     * Records a background response and queues its run; its events go to the store only.
     *
     * @return the response as it is now: {@code queued}
     */
    JsonObject start(PreparedRun prepared) {
        ResponseObject response = prepared.response();
        String id = response.id();
        responses.record(prepared);
        RunHandle handle = local.register(id);
        ResponseAssembler assembler = new ResponseAssembler(response,
                new NumberedEvents(event -> log.append(id, event), handle::requested, end -> log.finish(id, end)));
        assembler.created();
        JsonObject queued = response.toJson();
        // The caller's token, taken while its request is there, lives as long as the run in this server's memory.
        RunScope scope = new RunScope("run_" + id, prepared.run().agentName(), prepared.record().owner(), Map.of(),
                platform.isResolvable() ? platform.get().callId() : null, caller.token());
        background.submit(handle, scope, () -> runQueued(prepared, assembler, handle));
        return queued;
    }

    private void runQueued(PreparedRun prepared, ResponseAssembler assembler, RunHandle handle) {
        ResponseObject response = prepared.response();
        response.start();
        if (handle.requested() || !store.start(response.id(), response.toJson().toString())) {
            return; // cancelled while it waited: the cancel recorded its end
        }
        try {
            assembler.inProgress();
        } catch (CancellationException e) {
            // cancelled this instant: the run below ends it so
        }
        responses.run(prepared, assembler, handle);
    }

    /** Sends the stored events after {@code after}, then the live ones, to the terminal event. */
    void follow(ResponseRecord record, int after, SseEventSink client) throws InterruptedException {
        log.follow(record.id(), after, event -> {
            client.write(event);
            return !client.disconnected();
        });
    }

    /**
     * Cancels a background response that has not ended; one that has ended is answered as it is.
     *
     * @throws ApiException 400 for a response that is not a background one
     */
    JsonObject cancel(ResponseRecord record) throws InterruptedException {
        if (!record.background()) {
            throw ApiException.badRequest("Only responses created with 'background': true can be cancelled.",
                    "response_id");
        }
        String id = record.id();
        if (record.running()) {
            Optional<RunHandle> handle = local.find(id);
            handle.ifPresent(RunHandle::cancel);
            boolean ended = handle.isPresent() && handle.get().started() && handle.get().awaitEnd(CANCEL_WAIT);
            if (!ended) {
                // Queued here, running on another server (which learns of it at its next heartbeat), or stuck.
                log.settle(id);
                store.find(id).filter(ResponseRecord::running).ifPresent(running -> store.finish(id, "cancelled",
                        EndedResponses.cancelled(running.responseJson())));
            }
            LOG.info(() -> "Response " + id + " cancelled");
        }
        return store.find(id).map(found -> Json.readObject(found.responseJson()))
                .orElseThrow(() -> ApiException.notFound("Response with id '" + id + "' not found.", "response_id",
                        "response_not_found"));
    }
}
