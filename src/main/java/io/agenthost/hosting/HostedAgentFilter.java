package io.agenthost.hosting;

import io.agenthost.endpoint.JsonRpcGuard;
import io.agenthost.mcp.HeaderValues;
import io.agenthost.responses.ApiException;
import io.agenthost.run.PlatformCall;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may call, and the hosted-agent platform's request and response headers (container protocol 2.0.0). A server
 * without caller authentication reached on loopback takes only requests whose {@code Host} and {@code Origin} are
 * loopback ones ({@link LoopbackCallers}): 403 otherwise. Every answer carries
 * {@code x-request-id} (the request's, else a new one) and {@code x-platform-server}. With {@code CALLER_AUTH=foundry}
 * the platform names the end user ({@code x-agent-user-id}, required on the API paths: 401 without it), the call
 * ({@code x-agent-foundry-call-id}) and the response's id ({@code x-agent-response-id}); in every other mode those
 * headers are ignored, since any client could send them.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HostedAgentFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String FOUNDRY = "foundry";
    static final String ANONYMOUS = "anonymous";
    static final String REQUEST_ID = "x-request-id";
    static final String USER_ID = "x-agent-user-id";
    static final String CALL_ID = "x-agent-foundry-call-id";
    static final String RESPONSE_ID = "x-agent-response-id";
    private static final int MAX_HEADER = 256;

    @Inject
    PlatformCall platform;

    @Inject
    @ConfigProperty(name = "caller.auth", defaultValue = "anonymous")
    String callerAuth;

    @Inject
    ServerVersion version;

    @Inject
    @ConfigProperty(name = "agent.http.allowed-hosts")
    Optional<List<String>> allowedHosts;

    private LoopbackCallers loopbackCallers;

    @Override
    public void init() {
        loopbackCallers = new LoopbackCallers(Set.copyOf(allowedHosts.orElse(List.of())));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = usable(request.getHeader(REQUEST_ID));
        response.setHeader(REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString());
        response.setHeader("x-platform-server", "agent-host/" + version.version());
        if (ANONYMOUS.equalsIgnoreCase(callerAuth) && onLoopback(request)) {
            // HTTP/2 (the JDK's client upgrades to it) has no Host header: its :authority is the server name then.
            String host = request.getHeader("Host") != null ? request.getHeader("Host") : request.getServerName();
            String refusal = loopbackCallers.refusal(host, request.getHeader("Origin"));
            if (refusal != null) {
                reject(request, response, HttpServletResponse.SC_FORBIDDEN, refusal, "forbidden_host");
                return;
            }
        }
        if (FOUNDRY.equalsIgnoreCase(callerAuth)) {
            String user = usable(request.getHeader(USER_ID));
            if (user == null && actsForAUser(request)) {
                String message = "This server is a hosted agent: requests must name their end user in"
                        + " x-agent-user-id.";
                reject(request, response, HttpServletResponse.SC_UNAUTHORIZED, message, "missing_user");
                return;
            }
            platform.accept(user, usable(request.getHeader(CALL_ID)), usable(request.getHeader(RESPONSE_ID)));
        }
        chain.doFilter(request, response);
    }

    /** Reached on a loopback address: by this machine's processes only, browsers among them. */
    private static boolean onLoopback(HttpServletRequest request) {
        return LoopbackCallers.loopback(request.getLocalAddr());
    }

    /** The paths that act for a user; health, the platform's probes and the OAuth callback stay open. */
    private static boolean actsForAUser(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/v1/") || path.startsWith("/bench/") || within(path, "/responses")
                || within(path, "/mcp");
    }

    private static boolean within(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** A header value fit to use and to send on: present, not blank, not too long, one that HTTP can carry. */
    private static String usable(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_HEADER || !HeaderValues.isFieldValue(value)) {
            return null;
        }
        return value;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * A refusal in the shape of the surface: a JSON-RPC error on {@code /mcp} (an invalid request, with no id, since
     * the body was not read), OpenAI's error with {@code code} elsewhere.
     */
    private static void reject(HttpServletRequest request, HttpServletResponse response, int status, String message,
            String code) throws IOException {
        String body = within(path(request), "/mcp")
                ? JsonRpcGuard.error(JsonValue.NULL, JsonRpcGuard.INVALID_REQUEST, message).toString()
                : ApiException.errorBody(message, "invalid_request_error", null, code).toString();
        response.setStatus(status);
        response.setHeader(PlatformErrorHeaders.SOURCE, "user");
        response.setHeader(PlatformErrorHeaders.DETAIL, PlatformErrorHeaders.detail(message));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
