package io.agenthost.oauth;

import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tokens the host gets with a client of its own registered by hand at the authorization server, for a server that
 * refused a run: with its own credentials, the token of the workload it runs as, or the identity of the run's caller
 * (see {@link ServiceClient}). No user is asked.
 */
@ApplicationScoped
public class ServiceAuthorization {

    private static final Logger LOG = Logger.getLogger(ServiceAuthorization.class.getName());

    private final OAuthSettings settings;
    private final OAuthTokens tokens;
    private final Discovery discovery;
    private final TokenRequests requests;

    @Inject
    public ServiceAuthorization(OAuthSettings settings, OAuthTokens tokens, OAuthHttp http) {
        this(settings, tokens, http, Clock.systemUTC());
    }

    public ServiceAuthorization(OAuthSettings settings, OAuthTokens tokens, OAuthHttp http, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.discovery = new Discovery(http);
        this.requests = new TokenRequests(http, clock);
    }

    /** For CDI proxies only. */
    protected ServiceAuthorization() {
        this.settings = null;
        this.tokens = null;
        this.discovery = null;
        this.requests = null;
    }

    /**
     * Gets and keeps a token for the run at this server when the host has a client of its own for the server or its
     * authorization server. True when there is one to try.
     */
    public boolean obtain(RunScope run, URI server, List<String> challenges) {
        if (settings.serviceClients().isEmpty()) {
            return false;
        }
        try {
            Optional<AuthorizationServer> found = discovery.discover(server, challenges);
            if (found.isEmpty()) {
                return false;
            }
            AuthorizationServer as = found.get();
            ServiceClient client = settings.serviceClients().getOrDefault(server.toString(),
                    settings.serviceClients().get(as.issuer()));
            if (client == null) {
                return false;
            }
            tokens.accept(run.principal(), as.resource(), requests.withoutConsent(as, client, run.callerToken()));
            LOG.info(() -> "MCP server " + server + ": token of client " + client.id() + " obtained for run "
                    + run.runId());
            return true;
        } catch (OAuthException e) {
            LOG.warning(() -> "MCP server " + server + " refused the run, and no token of the host's own client could"
                    + " be had: " + e.getMessage());
            return false;
        }
    }
}
