package io.agenthost.oauth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.openid.connect.sdk.rp.ApplicationType;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's client at each authorization server, in MCP's order: one registered by hand for that issuer
 * ({@code agent.oauth.client.<name>.*}), else the one registered by hand for all ({@code agent.oauth.client-id}), else
 * the host's client ID metadata document where the server takes one, else one registered dynamically (RFC 7591)
 * once per issuer. Dynamic registrations are kept in memory only: an authorization server may forget its dynamic
 * clients, and the host could not tell, since the user's browser is the one refused. Grants and pending
 * authorizations keep the client they were made with.
 */
final class Clients {

    private final OAuthHttp http;
    private final OAuthSettings settings;
    private final Map<String, OAuthClient> registered = new ConcurrentHashMap<>();

    Clients(OAuthHttp http, OAuthSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    OAuthClient forServer(AuthorizationServer server) {
        OAuthClient byHand = settings.clients().get(server.issuer());
        if (byHand != null) {
            return byHand;
        }
        if (settings.clientId() != null) {
            return new OAuthClient(settings.clientId(), settings.clientSecret(),
                    settings.clientSecret() == null ? "none" : "client_secret_basic");
        }
        if (server.clientMetadataDocuments() && settings.clientMetadataUrl() != null) {
            return new OAuthClient(settings.clientMetadataUrl().toString(), null, "none");
        }
        if (server.registrationEndpoint() == null) {
            throw new OAuthException("no_client", "authorization server " + server.issuer()
                    + " offers no dynamic client registration; register the host there and set"
                    + " agent.oauth.client.<name>.issuer and .id");
        }
        return registered.computeIfAbsent(server.issuer(), issuer -> register(server));
    }

    /** The authorization server no longer knows the client: the next authorization registers anew. */
    void forget(String issuer) {
        registered.remove(issuer);
    }

    private OAuthClient register(AuthorizationServer server) {
        OIDCClientMetadata metadata = new OIDCClientMetadata();
        metadata.setName(settings.clientName());
        metadata.setRedirectionURI(settings.redirectUri());
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        metadata.setTokenEndpointAuthMethod(authMethod(server.authMethods()));
        metadata.setApplicationType(settings.webRedirect() ? ApplicationType.WEB : ApplicationType.NATIVE);
        URI endpoint = server.registrationEndpoint();
        ClientRegistrationResponse answer;
        try {
            answer = ClientRegistrationResponse.parse(http.send(
                    new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest(),
                    "client registration of " + server.issuer()));
        } catch (ParseException e) {
            throw new OAuthException("registration_failed", "authorization server " + server.issuer()
                    + " answered the client registration with something else than a registration");
        }
        if (answer instanceof ClientRegistrationErrorResponse refused) {
            throw new OAuthException("registration_failed", "authorization server " + server.issuer()
                    + " refused to register the client: " + (refused.getErrorObject() == null ? "no reason"
                            : refused.getErrorObject().getCode()));
        }
        ClientInformation client = ((ClientInformationResponse) answer).getClientInformation();
        String secret = client.getSecret() == null ? null : client.getSecret().getValue();
        ClientAuthenticationMethod method = client.getMetadata().getTokenEndpointAuthMethod();
        return new OAuthClient(client.getID().getValue(), secret, method != null ? method.getValue()
                : secret == null ? "none" : "client_secret_basic");
    }

    /** A public client where the server allows one (PKCE protects it), else the first secret method it takes. */
    private static ClientAuthenticationMethod authMethod(List<String> supported) {
        if (supported.isEmpty() || supported.contains("none")) {
            return ClientAuthenticationMethod.NONE;
        }
        return supported.contains("client_secret_basic") || !supported.contains("client_secret_post")
                ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.CLIENT_SECRET_POST;
    }
}
