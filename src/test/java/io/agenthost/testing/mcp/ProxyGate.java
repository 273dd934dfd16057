package io.agenthost.testing.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * What the Foundry toolbox proxy checks before a request reaches a toolbox, as far as its contract is known (DESIGN
 * §6, §11): {@code api-version=v1} in the query (400 without), a bearer token of the platform's identity (401 without:
 * here one that {@link ManagedIdentityEndpoint} issued), and {@code Foundry-Features} naming
 * {@code Toolboxes=V1Preview} (400 without). The proxy itself is Azure's; this is its stand-in for the tests.
 */
public final class ProxyGate {

    private final Predicate<String> issuedToken;

    public ProxyGate(Predicate<String> issuedToken) {
        this.issuedToken = issuedToken;
    }

    /** Whether the request may go on; if not, the refusal has been written. */
    boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        if (!("&" + query + "&").contains("&api-version=v1&")) {
            return refuse(response, 400, "api-version=v1 is required");
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issuedToken.test(authorization.substring(7))) {
            return refuse(response, 401, "a bearer token of the platform's identity is required");
        }
        String features = request.getHeader("Foundry-Features");
        if (features == null || !features.contains("Toolboxes=V1Preview")) {
            return refuse(response, 400, "Foundry-Features must name Toolboxes=V1Preview");
        }
        return true;
    }

    private static boolean refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = ("{\"error\":{\"message\":\"" + message + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }
}
