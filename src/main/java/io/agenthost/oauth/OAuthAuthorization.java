package io.agenthost.oauth;

import io.agenthost.run.McpAuthorization;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * MCP authorization for the host: refused tokens are refreshed or, with a client of the host's own for the server,
 * replaced; a server without one gets a consent link.
 */
@ApplicationScoped
public class OAuthAuthorization implements McpAuthorization {

    private final OAuthTokens tokens;
    private final AuthorizationFlow flow;
    private final ServiceAuthorization service;

    @Inject
    public OAuthAuthorization(OAuthTokens tokens, AuthorizationFlow flow, ServiceAuthorization service) {
        this.tokens = tokens;
        this.flow = flow;
        this.service = service;
    }

    /** For CDI proxies only. */
    protected OAuthAuthorization() {
        this(null, null, null);
    }

    /** A user's token refreshed, else a token of the host's own client where it has one for the server. */
    @Override
    public boolean renew(RunScope run, URI server, String refused, List<String> challenges) {
        return tokens.renew(run, server, refused) || service.obtain(run, server, challenges);
    }

    /**
     * A request that brings its own {@code authorization} for the server gets no link: that token would still win
     * over the one the user grants, so the re-sent prompt would be refused again.
     */
    @Override
    public Optional<String> consentLink(RunScope run, McpTarget target, List<String> challenges) {
        if (target.kind() == McpTarget.Kind.REQUEST_SERVER && run.requestTokens().containsKey(target.label())) {
            return Optional.empty();
        }
        return flow.consentLink(run, target, challenges);
    }
}
