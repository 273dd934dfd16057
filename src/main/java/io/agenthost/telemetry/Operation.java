package io.agenthost.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.agenthost.mcp.McpTelemetry;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One operation under observation: its span, current on the thread that started it until it is closed, and the
 * measurement its metrics take at the end.
 */
public final class Operation implements McpTelemetry.McpRequestSpan {

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Span span;
    private final Scope scope;
    private final long started = System.nanoTime();
    private final BiConsumer<Double, Attributes> measured;
    private String errorType;

    /** @param measured takes the duration in seconds and the attributes of the ended operation */
    Operation(Span span, BiConsumer<Double, Attributes> measured) {
        this.span = span;
        this.scope = span.makeCurrent();
        this.measured = measured;
    }

    public Operation attribute(String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    public Operation attribute(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    public Operation attribute(String key, List<String> values) {
        span.setAttribute(AttributeKey.stringArrayKey(key), values);
        return this;
    }

    /** What went wrong, as a low-cardinality type: the span's status is then an error. */
    @Override
    public void failed(String errorType) {
        this.errorType = errorType;
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
    }

    @Override
    public void close() {
        try {
            scope.close();
        } finally {
            span.end();
            measured.accept((System.nanoTime() - started) / 1e9,
                    errorType == null ? Attributes.empty() : Attributes.of(ERROR_TYPE, errorType));
        }
    }
}
