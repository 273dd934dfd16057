package io.agenthost.testing.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    FaultFilter(Faults faults, Consumer<RecordedRequest> recorder) {
        this.faults = faults;
        this.recorder = recorder;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Instant arrival = Instant.now();
        byte[] body = request.getInputStream().readAllBytes();
        recorder.accept(new RecordedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                headers(request), new String(body, StandardCharsets.UTF_8), arrival));

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
        chain.doFilter(new ReplayableRequest(request, body), response);
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

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
