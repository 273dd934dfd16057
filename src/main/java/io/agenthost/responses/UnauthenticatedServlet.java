package io.agenthost.responses;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of the container's 401 when callers must authenticate (web.xml's error page): OpenAI's error shape, as a
 * client of the API expects for a missing or rejected key. The container's {@code WWW-Authenticate} stays as it is.
 */
@WebServlet(UnauthenticatedServlet.PATH)
public class UnauthenticatedServlet extends HttpServlet {

    static final String PATH = "/errors/unauthenticated";

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean presented = request.getHeader("Authorization") != null;
        String message = presented
                ? "The bearer token was not accepted: it must be a valid, unexpired JWT of the configured issuer."
                : "This server needs a bearer token: send Authorization: Bearer <JWT>.";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ApiException.errorBody(message, "invalid_request_error", null,
                presented ? "invalid_api_key" : "missing_api_key").toString());
    }
}
