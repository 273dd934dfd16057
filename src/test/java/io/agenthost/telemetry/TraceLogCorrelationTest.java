package io.agenthost.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TraceLogCorrelationTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static Logger logger() {
        return Logger.getLogger(TraceLogCorrelation.LOGGERS + ".responses.Example");
    }

    @Test
    void aLineLoggedInASpanNamesItsTraceAndOneLoggedOutsideIsLeftAlone() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName().equals(logger().getName())) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = logger();
        // As the server's handlers do, from above the application's loggers.
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        TraceLogCorrelation correlation = new TraceLogCorrelation();
        correlation.install(new Object());
        try {
            logger.info("outside");
            SpanContext context = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
            try (Scope scope = Span.wrap(context).makeCurrent()) {
                logger.info("inside");
            }
        } finally {
            correlation.uninstall();
            root.removeHandler(capture);
        }

        assertEquals(List.of("outside", "inside [trace_id=" + TRACE + " span_id=" + SPAN + "]"), lines);
    }
}
