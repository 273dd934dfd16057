package io.agenthost.oauth;

import io.agenthost.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The host's client ID metadata document: an authorization server that takes URLs as client ids fetches it to learn
 * the client it is asked to authorize, so the host needs no registration there. Its URL is its {@code client_id}.
 */
@Path(OAuthSettings.CLIENT_METADATA_PATH)
@ApplicationScoped
public class ClientMetadataResource {

    private final OAuthSettings settings;

    @Inject
    public ClientMetadataResource(OAuthSettings settings) {
        this.settings = settings;
    }

    /** For CDI proxies only. */
    protected ClientMetadataResource() {
        this(null);
    }

    @GET
    public Response document() {
        if (settings.clientMetadataUrl() == null) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.createObjectBuilder()
                    .add("error", Json.createObjectBuilder().add("message", "This server publishes no client metadata"
                            + " document: its redirect base (agent.oauth.redirect-base) is not https.")
                            .add("type", "invalid_request_error").addNull("param").add("code", "not_found"))
                    .build().toString()).build();
        }
        return Response.ok(Json.createObjectBuilder()
                .add("client_id", settings.clientMetadataUrl().toString())
                .add("client_name", settings.clientName())
                .add("redirect_uris", Json.createArrayBuilder().add(settings.redirectUri().toString()))
                .add("grant_types", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("response_types", Json.createArrayBuilder().add("code"))
                .add("token_endpoint_auth_method", "none")
                .add("application_type", settings.webRedirect() ? "web" : "native")
                .build().toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "max-age=3600")
                .build();
    }
}
