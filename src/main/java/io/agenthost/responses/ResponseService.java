package io.agenthost.responses;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.agent.AgentRunner;
import io.agenthost.agent.HostedAgent;
import io.agenthost.agent.RunFailedException;
import io.agenthost.agent.RunOutcome;
import io.agenthost.agent.RunRequest;
import io.agenthost.background.Cancellation;
import io.agenthost.json.Json;
import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelException;
import io.agenthost.model.TokenCounter;
import io.agenthost.run.CallerIdentity;
import io.agenthost.store.ConversationRecord;
import io.agenthost.store.ConversationRepository;
import io.agenthost.store.ResponseRecord;
import io.agenthost.store.ResponseRepository;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.telemetry.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates responses: checks a request against the agents and the stored history, runs it, and stores it. */
@ApplicationScoped
public class ResponseService {

    private static final Logger LOG = Logger.getLogger(ResponseService.class.getName());

    private final AgentSessions agents;
    private final AgentRunner runner;
    private final ResponseRepository store;
    private final StoredHistory history;
    private final CallerIdentity caller;
    private final String platformSession;
    private final Duration consentWait;
    private final AgentTelemetry telemetry;

    /**
     * @param platformSession the hosted-agent session of this instance ({@code FOUNDRY_AGENT_SESSION_ID}), if any
     * @param consentWait     how long a background run waits for a user's consent ({@code agent.consent.wait})
     */
    @Inject
    public ResponseService(AgentCatalog agents, AgentRunner runner, ResponseRepository store,
            ConversationRepository conversations, CallerIdentity caller,
            @ConfigProperty(name = "FOUNDRY_AGENT_SESSION_ID") Optional<String> platformSession,
            @ConfigProperty(name = "agent.consent.wait", defaultValue = "PT10M") Duration consentWait,
            AgentTelemetry telemetry) {
        this.consentWait = consentWait;
        this.telemetry = telemetry;
        this.agents = new AgentSessions(agents);
        this.runner = runner;
        this.store = store;
        this.history = new StoredHistory(store, conversations);
        this.caller = caller;
        this.platformSession = platformSession.filter(session -> !session.isBlank()).orElse(null);
    }

    /** For CDI proxies only. */
    protected ResponseService() {
        this.agents = null;
        this.runner = null;
        this.store = null;
        this.history = null;
        this.caller = null;
        this.platformSession = null;
        this.consentWait = null;
        this.telemetry = null;
    }

    /**
     * Checks everything that can be checked before the run. Every refusal happens here, before a stream starts, so
     * it reaches the client as a plain HTTP error.
     */
    public PreparedRun prepare(CreateResponseRequest request) {
        return prepare(request, null);
    }

    /**
     * @param responseId the id the response is to have (the hosted-agent platform chooses it), or null for a new one;
     *                   an id that a stored response has already is a 409
     */
    public PreparedRun prepare(CreateResponseRequest request, String responseId) {
        if (responseId != null && request.store() && store.find(responseId).isPresent()) {
            throw ApiException.conflict("A response with the id '" + responseId + "' exists already.", null,
                    "response_exists");
        }
        HostedAgent agent = agents.forRun(request.agentName());
        String owner = caller.name();
        Optional<ConversationRecord> conversation = history.conversation(agent, owner, request);
        List<JsonObject> earlier;
        if (conversation.isPresent()) {
            earlier = history.items(conversation.get());
        } else {
            List<ResponseRecord> earlierResponses = history.earlierResponses(agent, owner, request);
            // The lookups are keyed by agent already; this holds even if one of them were not.
            AgentSessions.requireHistoryOwner(agent, earlierResponses,
                    request.previousResponseId() != null ? "previous_response_id" : "conversation");
            earlier = StoredHistory.items(earlierResponses);
        }
        RunRequest run = new RunRequest(agent, History.toMessages(earlier, request.input()), request.instructions(),
                request.tools().functions(), request.tools().mcpServers(), request.tools().toolboxes(),
                History.approvals(earlier, request.input()), request.toolChoice(), request.maxOutputTokens(),
                request.background() ? consentWait : Duration.ZERO, request.settings(), request.maxToolCalls());
        Instant now = Instant.now();
        String session = request.agentSessionId() != null ? request.agentSessionId()
                : platformSession != null ? platformSession : Ids.next("sess");
        ResponseObject response = new ResponseObject(responseId != null ? responseId : Ids.next("resp"),
                now.getEpochSecond(), agent.name(), request, session);
        ResponseRecord record = null;
        if (request.store()) {
            JsonArrayBuilder input = Json.createArrayBuilder();
            request.input().forEach(input::add);
            record = new ResponseRecord(response.id(), agent.name(), owner, request.conversation(),
                    request.previousResponseId(), response.status(), response.createdAt(),
                    ChronoUnit.MICROS.between(Instant.EPOCH, now), response.toJson().toString(), input.build().toString());
            if (request.storesEvents()) {
                record.withEvents(request.background(), now.toEpochMilli());
            }
        }
        return new PreparedRun(request, run, response, record, conversation.map(ConversationRecord::id).orElse(null));
    }

    /**
     * The input tokens the request's first model call would take, counted as usage counts them: the instructions,
     * the history and the new input ({@code POST /v1/responses/input_tokens}). Nothing runs and nothing is stored.
     */
    public JsonObject inputTokens(CreateResponseRequest request) {
        RunRequest run = prepare(request).run();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(run.instructions() != null ? run.instructions() : run.agent().instructions()));
        messages.addAll(run.conversation());
        return Json.createObjectBuilder().add("object", "response.input_tokens")
                .add("input_tokens", TokenCounter.ofMessages(messages)).build();
    }

    /**
     * Checks and runs a request to its end, as {@code POST /v1/responses} without {@code stream} does; a refusal is
     * an {@link ApiException}, as there.
     */
    public JsonObject respond(CreateResponseRequest request) {
        return respond(prepare(request));
    }

    /**
     * Runs a prepared request to its end, for an answer in one piece: recorded in progress first, so that a store
     * that is away is the request's error (503), and nothing runs.
     */
    public JsonObject respond(PreparedRun prepared) {
        record(prepared);
        return run(prepared, new ResponseAssembler(prepared.response(), EventSink.NONE), Cancellation.NEVER);
    }

    /**
     * Runs a prepared request to its end as a stream; whatever happens, the events end with exactly one terminal
     * event. The first event does not wait for the store: the response is recorded in progress between
     * {@code response.created} and {@code response.in_progress}, so that a client that has seen the latter can read
     * it back. A store that is away fails the response there, before anything runs.
     */
    public JsonObject stream(PreparedRun prepared, EventSink events) {
        ResponseObject response = prepared.response();
        ResponseAssembler assembler = new ResponseAssembler(response, events);
        assembler.created();
        try {
            record(prepared);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Response " + response.id() + " could not be recorded: " + e);
            response.fail(ErrorMappers.STORAGE_UNAVAILABLE, ErrorMappers.STORAGE_UNAVAILABLE_MESSAGE);
            assembler.finished();
            return response.toJson();
        }
        assembler.inProgress();
        return run(prepared, assembler, Cancellation.NEVER);
    }

    void record(PreparedRun prepared) {
        if (prepared.record() != null) {
            store.insert(prepared.record());
        }
    }

    /**
     * Runs a recorded response to its end, stores how it ended and sends the terminal event.
     *
     * @param cancellation whether the response was cancelled: whatever the run then throws (an interrupted MCP
     *                     call, a stopped stream) ends it {@code cancelled}
     */
    JsonObject run(PreparedRun prepared, ResponseAssembler assembler, Cancellation cancellation) {
        ResponseObject response = prepared.response();
        try (Operation span = telemetry.invokeAgent(prepared.run().agentName(), runner.provider(), response.id(),
                prepared.request().conversation())) {
            try {
                if (cancellation.requested()) {
                    throw new CancellationException("cancelled before it ran");
                }
                RunOutcome outcome = runner.run(prepared.run(), assembler);
                span.attribute("gen_ai.usage.input_tokens", outcome.usage().inputTokens())
                        .attribute("gen_ai.usage.output_tokens", outcome.usage().outputTokens());
                if (outcome.complete()) {
                    response.complete(outcome.usage());
                } else {
                    response.incomplete(outcome.incompleteReason(), outcome.usage());
                }
            } catch (RuntimeException e) {
                ended(response, e, cancellation.requested());
                span.failed(response.status().equals("cancelled") ? "cancelled" : e.getClass().getName());
            } finally {
                cancellation.settle();
            }
        }
        JsonObject json = response.toJson();
        if (prepared.record() != null) {
            // A follower elsewhere that finds the response ended takes the events it finds stored as all of them.
            String ended = json.toString();
            try {
                if (!assembler.recordEnd(events -> store.finish(response.id(), response.status(), ended, events))) {
                    // Ended from outside while it ran (cancelled through another server): that end stands. Or ended
                    // by an earlier try of this end whose commit's answer was lost: the same end.
                    JsonObject stored = store.find(response.id()).map(found -> Json.readObject(found.responseJson()))
                            .orElse(json);
                    if (!stored.equals(json)) {
                        LOG.info("Response " + response.id() + " had ended elsewhere");
                    }
                    json = stored;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Response " + response.id() + " could not be stored", e);
            }
        }
        if (prepared.conversation() != null) {
            try {
                history.append(prepared.conversation(), prepared.request().input(), json);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "The items of response " + response.id() + " could not be added to conversation "
                        + prepared.conversation(), e);
            }
        }
        assembler.finished(json);
        return json;
    }

    private static void ended(ResponseObject response, RuntimeException e, boolean cancelled) {
        if (cancelled) {
            LOG.info(() -> "Response " + response.id() + " was cancelled");
            response.cancel();
        } else if (e instanceof RunFailedException failed) {
            LOG.info(() -> "Response " + response.id() + " failed: " + failed.getMessage());
            response.fail(failed.code(), failed.getMessage());
        } else if (e instanceof ModelException model) {
            LOG.log(Level.WARNING, "Response " + response.id() + " failed: " + model.getMessage(), model.getCause());
            response.fail("model_error", model.getMessage());
        } else {
            LOG.log(Level.SEVERE, "Response " + response.id() + " failed", e);
            response.fail("server_error", "The server had an error while processing your request.");
        }
    }
}
