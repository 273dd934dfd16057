package io.agenthost.oauth;

import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The authorization code flow with PKCE on behalf of a run's user: from the 401 of an MCP server to the authorize URL
 * the user is sent to (the consent link), and from the callback to the tokens kept for the user.
 */
@ApplicationScoped
public class AuthorizationFlow {

    private static final Logger LOG = Logger.getLogger(AuthorizationFlow.class.getName());

    private final OAuthSettings settings;
    private final OAuthVault vault;
    private final OAuthTokens tokens;
    private final ServerUrlPolicy policy;
    private final Discovery discovery;
    private final Clients clients;
    private final TokenRequests requests;
    private final Clock clock;

    @Inject
    public AuthorizationFlow(OAuthSettings settings, OAuthVault vault, OAuthTokens tokens, OAuthHttp http,
            ServerUrlPolicy policy) {
        this(settings, vault, tokens, http, policy, Clock.systemUTC());
    }

    public AuthorizationFlow(OAuthSettings settings, OAuthVault vault, OAuthTokens tokens, OAuthHttp http,
            ServerUrlPolicy policy, Clock clock) {
        this.settings = settings;
        this.vault = vault;
        this.tokens = tokens;
        this.policy = policy;
        this.discovery = new Discovery(http);
        this.clients = new Clients(http, settings);
        this.requests = new TokenRequests(http, clock);
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected AuthorizationFlow() {
        this.settings = null;
        this.vault = null;
        this.tokens = null;
        this.policy = null;
        this.discovery = null;
        this.clients = null;
        this.requests = null;
        this.clock = null;
    }

    /**
     * The authorize URL for the run's user and this server, with a fresh PKCE verifier and state kept until the
     * callback. Empty, and the reason logged, when the server's answer leads to no usable authorization server.
     */
    public Optional<String> consentLink(RunScope run, McpTarget target, List<String> challenges) {
        try {
            Optional<AuthorizationServer> found = discovery.discover(target.url(), challenges);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            AuthorizationServer server = found.get();
            Optional<String> scope = scope(run, server, challenges);
            if (scope == null) {
                LOG.warning(() -> "MCP server " + target.label() + " wants a scope the user granted already;"
                        + " another consent would not give more");
                return Optional.empty();
            }
            URI authorize = server.authorizationEndpoint();
            checkLink(authorize, server.issuer());
            OAuthClient client = clients.forServer(server);
            CodeVerifier verifier = new CodeVerifier();
            State state = new State();
            Instant expiresAt = clock.instant().plus(settings.pendingTtl());
            vault.savePending(state.getValue(), new PendingAuthorization(run.principal(), server.resource(),
                    server.indicator(), verifier.getValue(), settings.redirectUri(), server.issuer(),
                    server.issParameterSupported(), server.tokenEndpoint(), client, scope.orElse(null), server.dpop(),
                    expiresAt));
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                    new ClientID(client.id())).endpointURI(authorize).redirectionURI(settings.redirectUri())
                    .codeChallenge(verifier, CodeChallengeMethod.S256).state(state).resource(server.indicator());
            scope.ifPresent(s -> request.scope(Scope.parse(s)));
            String link = request.build().toURI().toString();
            LOG.info(() -> "MCP server " + target.label() + " needs authorization at " + server.issuer()
                    + "; consent link issued for run " + run.runId());
            return Optional.of(link);
        } catch (OAuthException e) {
            LOG.warning(() -> "MCP server " + target.label() + " needs authorization, but no consent link can be made: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The scope to ask for. After a 403 {@code insufficient_scope} (step-up), the scope the user granted and the
     * one the server asks for now, together: the new token replaces the old, which must not lose what it could do.
     * Null when the server asks for no more than the user granted: a new consent could not help.
     */
    private Optional<String> scope(RunScope run, AuthorizationServer server, List<String> challenges) {
        boolean stepUp = WwwAuthenticate.insufficientScope(challenges);
        Optional<String> wanted = Optional.ofNullable(server.scope());
        if (!stepUp) {
            return wanted;
        }
        Optional<String> granted = tokens.grantedScope(run.principal(), server.resource());
        Set<String> union = new LinkedHashSet<>();
        granted.ifPresent(s -> union.addAll(Arrays.asList(s.trim().split("\\s+"))));
        int before = union.size();
        wanted.ifPresent(s -> union.addAll(Arrays.asList(s.trim().split("\\s+"))));
        if (granted.isPresent() && union.size() == before) {
            return null;
        }
        return union.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", union));
    }

    /**
     * The callback: checks that the answer comes from the authorization server it was sent to (RFC 9207: its
     * {@code iss}, exactly, whenever present, and required when the server said it sends one), then exchanges the
     * code for the tokens of the authorization that {@code state} names, once. Throws {@link OAuthException} with
     * {@code invalid_state} for a state that is unknown, used or expired, {@code invalid_issuer} for an answer of
     * another server (the state is spent: a mix-up attack gets one try).
     */
    public PendingAuthorization complete(String code, String state, String iss) {
        PendingAuthorization pending = vault.takePending(state).orElseThrow(() -> new OAuthException("invalid_state",
                "This authorization is unknown, was already completed, or has expired. Send the prompt again for a"
                        + " new consent link."));
        if (iss != null ? !iss.equals(pending.issuer()) : pending.issRequired()) {
            throw new OAuthException("invalid_issuer", "The answer does not come from the authorization server the"
                    + " consent was asked of. Send the prompt again for a new consent link.");
        }
        try {
            tokens.accept(pending.principal(), pending.server(), requests.exchange(pending, code));
        } catch (OAuthException e) {
            if ("invalid_client".equals(e.code())) {
                clients.forget(pending.issuer());
            }
            throw e;
        }
        return pending;
    }

    /** The user declined, or the authorization server failed: the state is spent either way. */
    public void abandon(String state) {
        vault.takePending(state);
    }

    /**
     * Consent links are shown to users, who must only ever be sent to https pages. Plain http is accepted for an
     * authorization server on loopback when local servers are allowed ({@code agent.mcp.allow-private-urls}), which
     * development and tests need.
     */
    private void checkLink(URI authorize, String issuer) {
        String scheme = authorize.getScheme() == null ? "" : authorize.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https") && authorize.getHost() != null && authorize.getRawUserInfo() == null
                && authorize.getRawFragment() == null;
        if (!https && (!scheme.equals("http") || policy.refusal(authorize.toString()).isPresent())) {
            throw new OAuthException("insecure_authorization_endpoint", "the authorization endpoint of " + issuer
                    + " is not an https URL");
        }
    }
}
