package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpRequestAttributesTest {

    @Test
    void theRequestIdIsReadWhereverItStandsAndWhateverComesBefore() {
        assertEquals(Optional.of("7"), McpRequestAttributes.requestId(
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"id\":7,\"params\":{}}"));
        assertEquals(Optional.of("a1b-2"), McpRequestAttributes.requestId("{\"params\":{\"name\":\"x\",\"arguments\":"
                + "{\"id\":\"not this one\",\"list\":[{\"id\":1}]}},\"id\":\"a1b-2\",\"jsonrpc\":\"2.0\"}"));
    }

    @Test
    void notificationsBatchesAndNonsenseHaveNone() {
        assertEquals(Optional.empty(), McpRequestAttributes.requestId(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertEquals(Optional.empty(), McpRequestAttributes.requestId("[{\"id\":1}]"));
        assertEquals(Optional.empty(), McpRequestAttributes.requestId("{\"id\":null}"));
        assertEquals(Optional.empty(), McpRequestAttributes.requestId("{\"id\":"));
        assertEquals(Optional.empty(), McpRequestAttributes.requestId(""));
        assertEquals(Optional.empty(), McpRequestAttributes.requestId(null));
    }

    /** A tracer whose spans record (a provider without a processor makes none that do). */
    private static SdkTracerProvider recording() {
        return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
                .build();
    }

    @Test
    void aRecordingSpanGetsTheIdAndTheSession() {
        try (SdkTracerProvider tracing = recording()) {
            Span span = tracing.get("test").spanBuilder("tools/call add").startSpan();
            McpRequestAttributes.record(span, "{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"method\":\"tools/call\"}",
                    Optional.of("session-42"), ProtocolRevision.SESSIONS);

            ReadableSpan recorded = (ReadableSpan) span;
            assertEquals("r-1", recorded.getAttribute(McpRequestAttributes.REQUEST_ID));
            assertEquals("session-42", recorded.getAttribute(McpRequestAttributes.SESSION_ID));
            assertEquals("2025-11-25", recorded.getAttribute(McpRequestAttributes.PROTOCOL_VERSION));
            span.end();
        }
    }

    @Test
    void theFirstRequestOfASessionHasNoSessionYet() {
        try (SdkTracerProvider tracing = recording()) {
            Span span = tracing.get("test").spanBuilder("initialize").startSpan();

            McpRequestAttributes.record(span, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}",
                    Optional.empty(), ProtocolRevision.SESSIONS);

            assertEquals("0", ((ReadableSpan) span).getAttribute(McpRequestAttributes.REQUEST_ID));
            assertNull(((ReadableSpan) span).getAttribute(McpRequestAttributes.SESSION_ID));
            span.end();
        }
    }
}
