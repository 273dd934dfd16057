package io.agenthost.hosting;

import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * On every 4xx and 5xx answer of the API, the hosted-agent platform's {@code x-platform-error-source} ({@code user}
 * for what the request got wrong, {@code upstream} for a model or server the host depends on, else {@code platform})
 * and {@code x-platform-error-detail}: the error's message, which never holds a secret, cut to 2048 characters.
 */
@Provider
public class PlatformErrorHeaders implements ContainerResponseFilter {

    static final String SOURCE = "x-platform-error-source";
    static final String DETAIL = "x-platform-error-detail";
    private static final int MAX_DETAIL = 2048;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400) {
            return;
        }
        response.getHeaders().putSingle(SOURCE, status < 500 ? "user" : status == 502 || status == 504 ? "upstream"
                : "platform");
        if (response.getEntity() instanceof JsonObject body && body.get("error") instanceof JsonObject error
                && error.get("message") instanceof jakarta.json.JsonString message) {
            response.getHeaders().putSingle(DETAIL, detail(message.getString()));
        }
    }

    /** One line of at most 2048 characters that HTTP can carry. */
    static String detail(String message) {
        String line = message.replaceAll("[^\\x20-\\x7E]", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL);
    }
}
