package io.agenthost.oauth;

import io.agenthost.run.McpTarget;
import io.agenthost.run.McpToken;
import io.agenthost.run.McpTokenProvider;
import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The tokens users granted through MCP authorization, for the runs that act for them: by (principal, server), refreshed
 * shortly before they expire and when the server refuses them. A request's own {@code authorization} for a server
 * always wins over a kept token.
 */
@ApplicationScoped
public class OAuthTokens implements McpTokenProvider {

    private static final Logger LOG = Logger.getLogger(OAuthTokens.class.getName());

    private final OAuthVault vault;
    private final TokenRequests requests;
    private final Duration refreshBefore;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    public OAuthTokens(OAuthVault vault, OAuthHttp http, OAuthSettings settings) {
        this(vault, http, settings.refreshBefore(), Clock.systemUTC());
    }

    public OAuthTokens(OAuthVault vault, OAuthHttp http, Duration refreshBefore, Clock clock) {
        this.vault = vault;
        this.requests = new TokenRequests(http, clock);
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected OAuthTokens() {
        this.vault = null;
        this.requests = null;
        this.refreshBefore = null;
        this.clock = null;
    }

    /**
     * The token is handed out as good for this request only: {@code RunTokens} would otherwise keep it until shortly
     * before its expiry, while a refresh after a refusal or a new consent may replace it at any moment. The grants are
     * held in memory here, so asking each time is cheap.
     */
    @Override
    public Optional<McpToken> token(RunScope run, McpTarget target) {
        if (run == null) {
            return Optional.empty();
        }
        String key = Resources.grantKey(run.principal(), target.url());
        Optional<Grant> grant = vault.grant(key);
        Instant now = clock.instant();
        if (grant.isPresent() && grant.get().refreshDue(now, refreshBefore)) {
            synchronized (lock(key)) {
                grant = vault.grant(key);
                if (grant.isPresent() && grant.get().refreshDue(now, refreshBefore)) {
                    grant = refreshed(key, grant.get(), false).or(() -> vault.grant(key));
                }
            }
        }
        return grant.filter(g -> !g.expired(now)).map(g -> new McpToken(g.accessToken(), now, g.proofKey()));
    }

    /** A grant is kept for the very URL its user authorized, so it may go to a server a request brought. */
    @Override
    public boolean servesRequestServers() {
        return true;
    }

    /**
     * The server refused {@code refused}. When the kept token is another one, the refused request was sent before it
     * changed; when it is the refused one, it is refreshed. True when a different token is now there to try.
     */
    public boolean renew(RunScope run, URI server, String refused) {
        String key = Resources.grantKey(run.principal(), server);
        synchronized (lock(key)) {
            Optional<Grant> grant = vault.reloadGrant(key);
            if (grant.isEmpty()) {
                return false;
            }
            if (!grant.get().carries(refused)) {
                return true;
            }
            return refreshed(key, grant.get(), true).isPresent();
        }
    }

    /** The scope of the grant the user gave for this server, if any. */
    public Optional<String> grantedScope(String principal, URI server) {
        return vault.grant(Resources.grantKey(principal, server)).map(Grant::scope);
    }

    /** Keeps the tokens a user just granted. */
    public void accept(String principal, URI server, Grant grant) {
        String key = Resources.grantKey(principal, server);
        synchronized (lock(key)) {
            vault.saveGrant(key, grant);
        }
        LOG.info(() -> "OAuth grant kept for " + (principal == null ? "anonymous" : principal) + " at " + server);
    }

    /**
     * @param refused whether the server refused the current token, in which case a grant that cannot be refreshed
     *                is dropped: only a new consent helps
     */
    private Optional<Grant> refreshed(String key, Grant grant, boolean refused) {
        if (grant.refreshToken() == null) {
            if (refused) {
                vault.deleteGrant(key);
            }
            return Optional.empty();
        }
        try {
            Grant fresh = requests.refresh(grant);
            vault.saveGrant(key, fresh);
            LOG.fine(() -> "OAuth token refreshed for " + grant.resource());
            return Optional.of(fresh);
        } catch (OAuthException e) {
            if (e.grantIsDead()) {
                vault.deleteGrant(key);
            }
            LOG.warning(() -> "OAuth token for " + grant.resource() + " could not be refreshed: " + e.getMessage()
                    + (e.grantIsDead() ? "; the user must consent again" : ""));
            return Optional.empty();
        }
    }

    private Object lock(String key) {
        if (locks.size() >= OAuthVault.MAX_CACHED) {
            locks.clear();
        }
        return locks.computeIfAbsent(key, k -> new Object());
    }
}
