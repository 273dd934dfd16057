package io.agenthost.oauth;

import io.agenthost.json.Json;
import io.agenthost.run.ConsentSignal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;

/**
 * Where authorization servers send the user back ({@code redirect_uri}): the code is exchanged for the user's tokens
 * and the user is told to return to the chat, where re-sending the prompt now succeeds. The page is seen in a browser;
 * errors are in the OpenAI shape, as everywhere else on this server.
 */
@Path(OAuthSettings.CALLBACK_PATH)
@ApplicationScoped
public class OAuthCallbackResource {

    private static final Logger LOG = Logger.getLogger(OAuthCallbackResource.class.getName());

    static final String DONE_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Access granted</title></head><body><p>You can return to the chat.</p></body></html>";

    private static final int MAX_ERROR_CHARS = 200;

    private final AuthorizationFlow flow;
    private final ConsentSignal consent;

    /** @param consent woken when a grant is stored, so that background runs waiting for it go on at once */
    @Inject
    public OAuthCallbackResource(AuthorizationFlow flow, ConsentSignal consent) {
        this.flow = flow;
        this.consent = consent;
    }

    /** For CDI proxies only. */
    protected OAuthCallbackResource() {
        this(null, null);
    }

    @GET
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String description,
            @QueryParam("iss") String iss) {
        if (state == null || state.isBlank()) {
            return error(400, "invalid_request_error", "The callback carries no state.", "state",
                    "missing_required_parameter");
        }
        if (error != null) {
            flow.abandon(state);
            String reason = clip(error) + (description == null ? "" : ": " + clip(description));
            return error(400, "invalid_request_error", "The authorization server did not grant access (" + reason
                    + "). Send the prompt again for a new consent link.", "error", "oauth_" + safeCode(error));
        }
        if (code == null || code.isBlank()) {
            return error(400, "invalid_request_error", "The callback carries no code.", "code",
                    "missing_required_parameter");
        }
        try {
            flow.complete(code, state, iss);
            consent.given();
        } catch (OAuthException e) {
            if ("invalid_state".equals(e.code())) {
                return error(400, "invalid_request_error", e.getMessage(), "state", "invalid_state");
            }
            if ("invalid_issuer".equals(e.code())) {
                LOG.warning("OAuth callback refused: its iss is not the issuer the consent was asked of");
                return error(400, "invalid_request_error", e.getMessage(), "iss", "invalid_issuer");
            }
            LOG.warning(() -> "OAuth callback failed: " + e.getMessage());
            return error(502, "server_error", "The authorization server did not give the tokens: " + e.code()
                    + ". Send the prompt again for a new consent link.", null, "oauth_token_exchange_failed");
        }
        return secured(Response.ok(DONE_PAGE, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))).build();
    }

    private static Response error(int status, String type, String message, String param, String code) {
        JsonObjectBuilder error = Json.createObjectBuilder().add("message", message).add("type", type);
        if (param == null) {
            error.addNull("param");
        } else {
            error.add("param", param);
        }
        error.add("code", code);
        return secured(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", error).build().toString())).build();
    }

    /** The page's URL carries a code and a state: neither may leak through caches or referrers. */
    private static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'");
    }

    private static String safeCode(String error) {
        String code = error.replaceAll("[^A-Za-z0-9_]", "");
        return code.isEmpty() ? "error" : code.length() > 64 ? code.substring(0, 64) : code;
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
