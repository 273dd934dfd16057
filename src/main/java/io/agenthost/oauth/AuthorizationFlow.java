package io.agenthost.oauth;

import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final SecureRandom random = new SecureRandom();

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
            URI authorize = server.authorizationEndpoint();
            checkLink(authorize, server.issuer());
            OAuthClient client = clients.forServer(server);
            Pkce pkce = Pkce.create(random);
            String state = Pkce.randomToken(random, 32);
            Instant expiresAt = clock.instant().plus(settings.pendingTtl());
            vault.savePending(state, new PendingAuthorization(run.principal(), server.resource(), pkce.verifier(),
                    settings.redirectUri(), server.issuer(), server.tokenEndpoint(), client, server.scope(),
                    expiresAt));
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", client.id());
            query.put("redirect_uri", settings.redirectUri().toString());
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", Pkce.METHOD);
            query.put("state", state);
            query.put("resource", server.resource().toString());
            query.put("scope", server.scope());
            String link = authorize + (authorize.getRawQuery() == null ? "?" : "&") + OAuthHttp.form(query);
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
     * The callback: exchanges the code for the tokens of the authorization that {@code state} names, once. Throws
     * {@link OAuthException} with {@code invalid_state} for a state that is unknown, used or expired.
     */
    public PendingAuthorization complete(String code, String state) {
        PendingAuthorization pending = vault.takePending(state).orElseThrow(() -> new OAuthException("invalid_state",
                "This authorization is unknown, was already completed, or has expired. Send the prompt again for a"
                        + " new consent link."));
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
