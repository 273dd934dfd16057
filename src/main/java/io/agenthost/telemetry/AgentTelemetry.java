package io.agenthost.telemetry;

import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.McpTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The spans and metrics of runs, model calls, tool calls and MCP requests, after the OpenTelemetry semantic
 * conventions for generative AI and MCP (README: Telemetry), through MicroProfile Telemetry's {@link Tracer} and
 * {@link Meter}. Export is the server's: off unless {@code OTEL_SDK_DISABLED=false}. Message content is recorded
 * only with {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true}; credentials never.
 */
@ApplicationScoped
public class AgentTelemetry implements McpTelemetry {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> SERVER_LABEL = AttributeKey.stringKey("agent_host.mcp.server.label");

    private final Tracer tracer;
    private final boolean captureContent;
    private final DoubleHistogram operationDuration;
    private final LongHistogram tokenUsage;
    private final DoubleHistogram mcpDuration;
    private final LongCounter consentRequests;

    @Inject
    public AgentTelemetry(Tracer tracer, Meter meter,
            @ConfigProperty(name = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", defaultValue = "false")
            boolean captureContent) {
        this.tracer = tracer;
        this.captureContent = captureContent;
        this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                .setDescription("GenAI operation duration").build();
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used").build();
        this.mcpDuration = meter.histogramBuilder("mcp.client.operation.duration").setUnit("s")
                .setDescription("The duration of the MCP request or notification as observed on the sender").build();
        this.consentRequests = meter.counterBuilder("agent_host.consent.requests").setUnit("{request}")
                .setDescription("Requests for a user's consent given to clients, by MCP server label").build();
    }

    /** For CDI proxies only. */
    protected AgentTelemetry() {
        this.tracer = null;
        this.captureContent = false;
        this.operationDuration = null;
        this.tokenUsage = null;
        this.mcpDuration = null;
        this.consentRequests = null;
    }

    /** Telemetry that records nothing, for code run outside the server. */
    public static AgentTelemetry disabled() {
        OpenTelemetry noop = OpenTelemetry.noop();
        return new AgentTelemetry(noop.getTracer("agent-host"), noop.getMeter("agent-host"), false);
    }

    /** Whether message content, tool arguments and results may be recorded. */
    public boolean capturesContent() {
        return captureContent;
    }

    /** {@code invoke_agent {agent}}: one run of an agent, for one response. */
    public Operation invokeAgent(String agent, String provider, String responseId, String conversationId) {
        Span span = tracer.spanBuilder("invoke_agent " + agent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "invoke_agent").setAttribute(PROVIDER, provider)
                .setAttribute("gen_ai.agent.name", agent).setAttribute("gen_ai.agent.id", agent).startSpan();
        return new Operation(span, (seconds, end) -> {
        }).attribute("gen_ai.response.id", responseId).attribute("gen_ai.conversation.id", conversationId);
    }

    /** {@code chat {model}}: one call of the model; its duration is measured when it is closed. */
    public Operation chat(String model, String provider) {
        Span span = tracer.spanBuilder("chat " + model).setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, "chat").setAttribute(PROVIDER, provider)
                .setAttribute(REQUEST_MODEL, model).startSpan();
        Attributes common = Attributes.of(OPERATION, "chat", PROVIDER, provider, REQUEST_MODEL, model);
        return new Operation(span, (seconds, end) -> operationDuration.record(seconds,
                common.toBuilder().putAll(end).build()));
    }

    /** Records the tokens of a model call, by type. */
    public void tokens(String model, String provider, long input, long output) {
        Attributes common = Attributes.of(OPERATION, "chat", PROVIDER, provider, REQUEST_MODEL, model);
        tokenUsage.record(input, common.toBuilder().put(TOKEN_TYPE, "input").build());
        tokenUsage.record(output, common.toBuilder().put(TOKEN_TYPE, "output").build());
    }

    /** {@code execute_tool {tool}}: one tool call of the model, run by the host ({@code extension}: MCP). */
    public Operation executeTool(String tool, String callId) {
        Span span = tracer.spanBuilder("execute_tool " + tool).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "execute_tool").setAttribute("gen_ai.tool.name", tool)
                .setAttribute("gen_ai.tool.type", "extension").startSpan();
        return new Operation(span, (seconds, end) -> {
        }).attribute("gen_ai.tool.call.id", callId);
    }

    /** A client was asked for a user's consent to an MCP server. */
    public void consentRequested(String serverLabel) {
        consentRequests.add(1, Attributes.of(SERVER_LABEL, serverLabel));
    }

    @Override
    public Operation request(String method, String target, McpEndpoint endpoint) {
        Span span = tracer.spanBuilder(target == null ? method : method + " " + target).setSpanKind(SpanKind.CLIENT)
                .setAttribute(MCP_METHOD, method)
                .setAttribute("server.address", endpoint.url().getHost())
                .setAttribute("server.port", (long) port(endpoint)).startSpan();
        Attributes common = Attributes.of(MCP_METHOD, method);
        Operation operation = new Operation(span, (seconds, end) -> mcpDuration.record(seconds,
                common.toBuilder().putAll(end).build()));
        if (target != null) {
            operation.attribute("gen_ai.tool.name", target);
        }
        return operation.attribute(SERVER_LABEL.getKey(), endpoint.label());
    }

    private static int port(McpEndpoint endpoint) {
        int port = endpoint.url().getPort();
        return port != -1 ? port : "https".equalsIgnoreCase(endpoint.url().getScheme()) ? 443 : 80;
    }
}
