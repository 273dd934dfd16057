package io.agenthost.testing.mcp;

import io.agenthost.endpoint.BufferedBodyRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sits in front of the MCP servlet: records every request as it arrived, then delays, redirects or fails it as the
 * server's {@link Faults} say. Recording comes first so that a test can count the attempts a client made, failed ones
 * included.
 */
final class FaultFilter implements Filter {

    private final Faults faults;
    private final Consumer<RecordedRequest> recorder;
    private final ProxyGate gate;

    /** @param gate the Foundry toolbox proxy's checks, or null for a plain MCP server */
    FaultFilter(Faults faults, ProxyGate gate, Consumer<RecordedRequest> recorder) {
        this.faults = faults;
        this.gate = gate;
        this.recorder = recorder;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Instant arrival = Instant.now();
        byte[] body = request.getInputStream().readAllBytes();
        RecordedRequest recorded = new RecordedRequest(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), headers(request), new String(body, StandardCharsets.UTF_8), arrival);
        recorder.accept(recorded);
        // As a load balancer with session affinity would: a client that kept cookies would send it back.
        response.addHeader("Set-Cookie", "affinity=" + TestMcpServer.AFFINITY_COOKIE + "; Path=/");
        if (gate != null && !gate.admits(request, response)) {
            return;
        }

        Faults.Verdict verdict = faults.judge(request.getMethod());
        pause(verdict);
        if (verdict.location() != null) {
            response.setStatus(verdict.status());
            response.setHeader("Location", verdict.location());
            response.setContentLength(0);
            return;
        }
        if (!verdict.passes()) {
            if (verdict.retryAfterSeconds() != null) {
                response.setHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
            }
            byte[] message = ("{\"error\":\"fault injected by the test server: status " + verdict.status() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(verdict.status());
            response.setContentType("application/json");
            response.setContentLength(message.length);
            response.getOutputStream().write(message);
            return;
        }
        String authorizationServer = faults.authorizedBy();
        if (authorizationServer != null && BearerGuard.handled(authorizationServer, request, response)) {
            return;
        }
        String rpcMethod = recorded.rpcMethod();
        if ("POST".equals(request.getMethod()) && faults.garbage(rpcMethod)) {
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(GARBAGE.length);
            response.getOutputStream().write(GARBAGE);
            return;
        }
        if ("POST".equals(request.getMethod()) && faults.consentRequired(rpcMethod)) {
            byte[] error = consentError(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(error.length);
            response.getOutputStream().write(error);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static void pause(Faults.Verdict verdict) throws InterruptedIOException {
        if (verdict.delay().isZero()) {
            return;
        }
        try {
            Thread.sleep(verdict.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while delaying the response");
        }
    }

    /** The error the Foundry toolbox proxy answers with, one entry per source, for the request's JSON-RPC id. */
    static String consentError(String requestBody) {
        JsonValue id;
        try (JsonReader reader = Json.createReader(new StringReader(requestBody))) {
            id = reader.readObject().getOrDefault("id", JsonValue.NULL);
        } catch (RuntimeException e) {
            id = JsonValue.NULL;
        }
        String details = Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("type", "mcp").add("name", "graph").add("error", Json.createObjectBuilder()
                        .add("code", "CONSENT_REQUIRED").add("message", CONSENT_LINK)))).build().toString();
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("error", Json.createObjectBuilder()
                .add("code", -32006).add("message", "CONSENT_REQUIRED " + details)).build().toString();
    }

    /** What a broken proxy might send: a truncated JSON-RPC answer, then bytes that are no text at all. */
    private static final byte[] GARBAGE = concat("{\"jsonrpc\":\"2.0\",\"result\":{\"content\":[{\"ty"
            .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x1b, '<', 'h', 't', 'm'});

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Where the test servers send a user to consent. */
    static final String CONSENT_LINK = "https://consent.example.test/authorize?source=graph";

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
