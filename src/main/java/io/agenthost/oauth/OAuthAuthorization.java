package io.agenthost.oauth;

import io.agenthost.run.McpAuthorization;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** MCP authorization for the host: refused tokens are refreshed, and a server without one gets a consent link. */
@ApplicationScoped
public class OAuthAuthorization implements McpAuthorization {

    private final OAuthTokens tokens;
    private final AuthorizationFlow flow;

    @Inject
    public OAuthAuthorization(OAuthTokens tokens, AuthorizationFlow flow) {
        this.tokens = tokens;
        this.flow = flow;
    }

    /** For CDI proxies only. */
    protected OAuthAuthorization() {
        this(null, null);
    }

    @Override
    public boolean renew(RunScope run, URI server, String refused, List<String> challenges) {
        return tokens.renew(run, server, refused);
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
