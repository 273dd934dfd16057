package io.agenthost.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Puts the trace and span ids of the current span at the end of every log line of the application's loggers, so that
 * a line logged during a run leads to its trace, and a trace to its lines. A handler on the parent of those loggers:
 * a record reaches it, on the logging thread, before the server's handlers above it write it. Lines logged outside a
 * span are left as they are; so is everything when telemetry is off (no span is then valid).
 */
@ApplicationScoped
public class TraceLogCorrelation extends Handler {

    /** The parent logger of all of the application's. */
    static final String LOGGERS = "io.agenthost";

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Logger.getLogger(LOGGERS).addHandler(this);
    }

    @PreDestroy
    void uninstall() {
        Logger.getLogger(LOGGERS).removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid() && record.getMessage() != null && !record.getMessage().contains(" [trace_id=")) {
            record.setMessage(record.getMessage() + " [trace_id=" + span.getTraceId() + " span_id="
                    + span.getSpanId() + "]");
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
