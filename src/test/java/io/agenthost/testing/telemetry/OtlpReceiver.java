package io.agenthost.testing.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OTLP/HTTP receiver for the tests (protobuf, as OpenTelemetry's exporters send it, decoded with the
 * {@code opentelemetry-proto} classes): takes {@code POST /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, and
 * gives what it received as JSON at {@code GET /spans} and {@code GET /metrics}.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer http;
    private final List<JsonObject> spans = new CopyOnWriteArrayList<>();
    private final List<JsonObject> metrics = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer http) {
        this.http = http;
    }

    public static OtlpReceiver start(String host, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        OtlpReceiver receiver = new OtlpReceiver(http);
        http.createContext("/", receiver::handle);
        http.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return receiver;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            switch (exchange.getRequestMethod() + " " + path) {
                case "POST /v1/traces" -> {
                    ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().forEach(resource -> resource
                            .getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(
                                    span -> spans.add(json(span)))));
                    send(exchange, 200, "application/x-protobuf",
                            ExportTraceServiceResponse.getDefaultInstance().toByteArray());
                }
                case "POST /v1/metrics" -> {
                    ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList().forEach(resource -> resource
                            .getScopeMetricsList().forEach(scope -> scope.getMetricsList().forEach(
                                    metric -> metrics.add(json(metric)))));
                    send(exchange, 200, "application/x-protobuf",
                            ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
                }
                case "POST /v1/logs" -> send(exchange, 200, "application/x-protobuf", new byte[0]);
                case "GET /spans" -> send(exchange, 200, "application/json", array(spans));
                case "GET /metrics" -> send(exchange, 200, "application/json", array(metrics));
                default -> send(exchange, 404, "text/plain", "no such route".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] array(List<JsonObject> items) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        return array.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static JsonObject json(Span span) {
        HexFormat hex = HexFormat.of();
        JsonArrayBuilder events = Json.createArrayBuilder();
        span.getEventsList().forEach(event -> events.add(Json.createObjectBuilder().add("name", event.getName())
                .add("attributes", attributes(event.getAttributesList()))));
        return Json.createObjectBuilder()
                .add("traceId", hex.formatHex(span.getTraceId().toByteArray()))
                .add("spanId", hex.formatHex(span.getSpanId().toByteArray()))
                .add("parentSpanId", hex.formatHex(span.getParentSpanId().toByteArray()))
                .add("name", span.getName())
                .add("kind", span.getKind().name())
                .add("status", span.getStatus().getCode().name())
                .add("attributes", attributes(span.getAttributesList()))
                .add("events", events)
                .build();
    }

    static JsonObject json(Metric metric) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        switch (metric.getDataCase()) {
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(point -> points.add(
                    Json.createObjectBuilder().add("attributes", attributes(point.getAttributesList()))
                            .add("count", point.getCount()).add("sum", point.getSum())));
            case SUM -> metric.getSum().getDataPointsList().forEach(point -> points.add(
                    Json.createObjectBuilder().add("attributes", attributes(point.getAttributesList()))
                            .add("value", point.getAsInt())));
            default -> {
            }
        }
        return Json.createObjectBuilder().add("name", metric.getName()).add("unit", metric.getUnit())
                .add("points", points).build();
    }

    private static JsonObjectBuilder attributes(List<KeyValue> values) {
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        for (KeyValue value : values) {
            attributes.add(value.getKey(), text(value.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList()
                    .toString();
            default -> value.toString();
        };
    }
}
