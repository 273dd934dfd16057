package io.agenthost.agent;

import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpServerError;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.model.ToolCall;
import io.agenthost.model.Usage;
import io.agenthost.run.AgentRun;
import io.agenthost.run.ConsentSignal;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunExecutor;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.telemetry.Operation;
import io.agenthost.toolbox.AuthorizationConsent;
import io.agenthost.toolbox.ConsentLink;
import io.agenthost.toolbox.ConsentParser;
import io.agenthost.toolbox.McpToolbox;
import io.agenthost.toolbox.ToolboxRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs an agent: offers the model its tools, calls the model, runs the MCP tool calls it asks for and gives the
 * results back, until the model answers, calls a function tool of the client, asks for an approval, or runs out
 * of turns.
 */
@ApplicationScoped
public class AgentRunner {

    /** Bounds a model that keeps calling tools. */
    static final int MAX_TURNS = 16;

    /** Why a response that waits for the user's consent is incomplete. */
    public static final String CONSENT_REQUIRED = "consent_required";

    private final ModelClient model;
    private final ToolboxRegistry toolboxes;
    private final RequestServers requestServers;
    private final Executor executor;
    private final MarkerPolicy markers;
    private final ConsentSignal consent;
    private final AgentTelemetry telemetry;

    /** @param executor a managed executor that carries the run scope ({@code java:app/concurrent/RunExecutor}) */
    @Inject
    public AgentRunner(ModelClient model, ToolboxRegistry toolboxes, RequestServers requestServers,
            @RunExecutor Executor executor,
            @ConfigProperty(name = "agent.toolbox.strict", defaultValue = "true") boolean strictToolboxes,
            @ConfigProperty(name = "agent.toolbox.markers.allowed") Optional<String> allowedMarkers,
            ConsentSignal consent, AgentTelemetry telemetry) {
        this(model, toolboxes, requestServers, executor, MarkerPolicy.of(strictToolboxes, allowedMarkers), consent,
                telemetry);
    }

    public AgentRunner(ModelClient model, ToolboxRegistry toolboxes, RequestServers requestServers, Executor executor,
            MarkerPolicy markers, ConsentSignal consent, AgentTelemetry telemetry) {
        this.telemetry = telemetry;
        this.model = model;
        this.toolboxes = toolboxes;
        this.requestServers = requestServers;
        this.executor = executor;
        this.markers = markers;
        this.consent = consent;
    }

    /** For CDI proxies only. */
    protected AgentRunner() {
        this(null, null, null, null, new MarkerPolicy(true, Set.of()), null, null);
    }

    @AgentRun
    public RunOutcome run(RunRequest run, RunListener listener) {
        try {
            return runWithTools(run, listener, new ConsentWait(consent, run.consentWait(), Clock.systemUTC()));
        } catch (ConsentRequiredException e) {
            if (!e.isAnnounced()) {
                announce(e.links(), listener);
            }
            return new RunOutcome(CONSENT_REQUIRED, Usage.ZERO);
        }
    }

    private void announce(List<ConsentLink> links, RunListener listener) {
        for (ConsentLink link : links) {
            telemetry.consentRequested(link.source());
            listener.oauthConsentRequest(link.source(), link.link());
        }
    }

    /**
     * Lists the run's tools and converses. A run that waits for consent lists again after each wait, on fresh
     * connections, until no source asks for consent; the lists of the tries that still met it are not reported.
     */
    private RunOutcome runWithTools(RunRequest run, RunListener listener, ConsentWait wait) {
        RunListener lister = listener;
        while (true) {
            try (RequestServers.Lease servers = requestServers.lease()) {
                Map<McpToolSource, List<McpTool>> tools;
                try {
                    tools = new RunTools(toolboxes, servers, executor, markers).list(run, lister);
                } catch (ConsentRequiredException e) {
                    if (!wait.enabled()) {
                        throw e;
                    }
                    if (lister == listener) {
                        announce(e.links(), listener);
                    }
                    if (!wait.again()) {
                        throw e.announced();
                    }
                    lister = new ToolListings();
                    continue;
                }
                if (lister instanceof ToolListings listed) {
                    listed.replayTo(listener);
                }
                return withTools(run, tools, listener, wait);
            }
        }
    }

    private RunOutcome withTools(RunRequest run, Map<McpToolSource, List<McpTool>> tools, RunListener listener,
            ConsentWait wait) {
        ToolCatalog catalog = new ToolCatalog(run.functionTools(), tools);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(run.instructions() != null ? run.instructions()
                : run.agent().instructions()));
        messages.addAll(run.conversation());
        for (ApprovalDecision decision : run.approvals()) {
            messages.addAll(answer(decision, tools.keySet(), listener, wait));
        }
        return converse(run, catalog, messages, listener, wait);
    }

    private RunOutcome converse(RunRequest run, ToolCatalog catalog, List<ChatMessage> messages, RunListener listener,
            ConsentWait wait) {
        Usage usage = Usage.ZERO;
        int mcpCalls = 0;
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            Integer remaining = run.maxOutputTokens() == null ? null
                    : (int) Math.max(0, run.maxOutputTokens() - usage.outputTokens());
            if (remaining != null && remaining == 0) {
                return new RunOutcome("max_output_tokens", usage);
            }
            StringBuilder text = new StringBuilder();
            ModelReply reply = complete(new ModelRequest(run.agent().model(), messages, catalog.specs(),
                    run.toolChoice(), remaining, run.settings()), text, listener);
            usage = usage.plus(reply.usage());
            if (text.length() > 0) {
                listener.textDone(text.toString());
            }
            if (reply.finishReason() == ModelReply.FinishReason.LENGTH) {
                return new RunOutcome("max_output_tokens", usage);
            }
            if (reply.finishReason() == ModelReply.FinishReason.CONTENT_FILTER) {
                return new RunOutcome("content_filter", usage);
            }
            if (reply.toolCalls().isEmpty()) {
                return new RunOutcome(null, usage);
            }
            boolean clientMustAnswer = false;
            List<ChatMessage> results = new ArrayList<>();
            for (ToolCall call : reply.toolCalls()) {
                ToolCatalog.Target target = catalog.find(call.name());
                if (target == null) {
                    results.add(new ChatMessage.ToolResult(call.callId(), call.name(),
                            "There is no tool named " + call.name() + "."));
                } else if (target.isFunction()) {
                    listener.functionCall(call);
                    clientMustAnswer = true;
                } else if (target.source().requiresApproval(target.tool())) {
                    listener.mcpApprovalRequest(target.source().label(), target.tool(), call.arguments());
                    clientMustAnswer = true;
                } else if (run.maxToolCalls() != null && mcpCalls >= run.maxToolCalls()) {
                    return new RunOutcome("max_tool_calls", usage);
                } else {
                    mcpCalls++;
                    results.add(new ChatMessage.ToolResult(call.callId(), target.tool(),
                            callMcp(target.source(), target.tool(), call.arguments(), null, listener, wait)));
                }
            }
            if (clientMustAnswer) {
                return new RunOutcome(null, usage);
            }
            messages.add(new ChatMessage.Assistant(text.toString(), reply.toolCalls()));
            messages.addAll(results);
        }
        return new RunOutcome("max_tool_calls", usage);
    }

    /** Calls the model in its {@code chat} span, passing on the text as it comes. */
    private ModelReply complete(ModelRequest request, StringBuilder text, RunListener listener) {
        String provider = model.providerName();
        try (Operation chat = telemetry.chat(request.model(), provider)) {
            ModelReply reply;
            try {
                reply = model.complete(request, delta -> {
                    text.append(delta);
                    listener.textDelta(delta);
                });
            } catch (RuntimeException e) {
                chat.failed(e.getClass().getName());
                throw e;
            }
            chat.attribute("gen_ai.response.model", request.model())
                    .attribute("gen_ai.response.finish_reasons",
                            List.of(reply.finishReason().name().toLowerCase(Locale.ROOT)))
                    .attribute("gen_ai.usage.input_tokens", reply.usage().inputTokens())
                    .attribute("gen_ai.usage.output_tokens", reply.usage().outputTokens());
            if (telemetry.capturesContent()) {
                chat.attribute("gen_ai.output.messages", text.toString());
            }
            telemetry.tokens(request.model(), provider, reply.usage().inputTokens(), reply.usage().outputTokens());
            return reply;
        }
    }

    /** The model's provider, as the GenAI conventions name it ({@code gen_ai.provider.name}). */
    public String provider() {
        return model.providerName();
    }

    /** Runs an approved call, or tells the model that it was refused; either way the model sees call and result. */
    private List<ChatMessage> answer(ApprovalDecision decision, Iterable<McpToolSource> sources,
            RunListener listener, ConsentWait wait) {
        McpToolSource source = null;
        for (McpToolSource candidate : sources) {
            if (candidate.label().equals(decision.serverLabel())) {
                source = candidate;
            }
        }
        String output;
        if (!decision.approve()) {
            output = "The user did not approve this call of " + decision.tool() + ".";
        } else if (source == null) {
            output = "Error: the MCP server " + decision.serverLabel() + " is not among this request's tools.";
        } else {
            output = callMcp(source, decision.tool(), decision.arguments(), decision.approvalRequestId(), listener,
                    wait);
        }
        return List.of(
                new ChatMessage.Assistant("", List.of(new ToolCall(decision.approvalRequestId(), decision.tool(),
                        decision.arguments()))),
                new ChatMessage.ToolResult(decision.approvalRequestId(), decision.tool(), output));
    }

    /**
     * Runs one MCP call; whatever goes wrong becomes the output the model reads, never a failed run. A call that
     * needs the user's consent ends the run, unless the run waits for consent: then it is tried again after each
     * wait, and the run goes on with its result.
     */
    private String callMcp(McpToolSource source, String tool, String arguments, String approvalRequestId,
            RunListener listener, ConsentWait wait) {
        String itemId = listener.mcpCallStarted(source.label(), tool, arguments, approvalRequestId);
        try (Operation span = telemetry.executeTool(tool, itemId)) {
            if (telemetry.capturesContent()) {
                span.attribute("gen_ai.tool.call.arguments", arguments);
            }
            String output = callMcp(source, tool, arguments, itemId, listener, wait, span);
            if (telemetry.capturesContent()) {
                span.attribute("gen_ai.tool.call.result", output);
            }
            return output;
        }
    }

    private String callMcp(McpToolSource source, String tool, String arguments, String itemId,
            RunListener listener, ConsentWait wait, Operation span) {
        boolean announced = false;
        while (true) {
            McpCallFailure failure;
            Optional<List<ConsentLink>> consent = Optional.empty();
            try {
                McpCallResult result = source.call(tool, arguments);
                if (!result.isError()) {
                    listener.mcpCallFinished(itemId, result.output(), null);
                    return result.output();
                }
                failure = new McpCallFailure(McpCallFailure.Kind.TOOL_EXECUTION, 0, result.output());
            } catch (McpServerError e) {
                consent = ConsentParser.parse(source.label(), e);
                failure = new McpCallFailure(McpCallFailure.Kind.PROTOCOL, e.code(), e.errorMessage());
            } catch (McpAccessException e) {
                // A shared session may be open already, so a user who has not consented meets the 401 at the call.
                McpTarget.Kind kind = source instanceof McpToolbox ? McpTarget.Kind.TOOLBOX
                        : McpTarget.Kind.REQUEST_SERVER;
                consent = AuthorizationConsent.links(kind, source.label(), e);
                failure = new McpCallFailure(McpCallFailure.Kind.HTTP, e.httpStatus(), e.getMessage());
            } catch (IllegalArgumentException e) {
                failure = new McpCallFailure(McpCallFailure.Kind.PROTOCOL, -32602, e.getMessage());
            }
            if (consent.isEmpty()) {
                span.failed(failure.kind() == McpCallFailure.Kind.TOOL_EXECUTION ? "tool_error"
                        : failure.kind().name().toLowerCase(Locale.ROOT));
                listener.mcpCallFinished(itemId, null, failure);
                return failure.forModel();
            }
            if (wait.enabled() && !announced) {
                announce(consent.get(), listener);
                announced = true;
            }
            if (!wait.enabled() || !wait.again()) {
                span.failed("consent_required");
                listener.mcpCallFinished(itemId, null, new McpCallFailure(failure.kind(), failure.code(),
                        "the user's consent is required"));
                throw new ConsentRequiredException(consent.get(), announced);
            }
        }
    }
}
