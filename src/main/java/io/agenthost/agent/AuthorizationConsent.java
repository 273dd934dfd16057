package io.agenthost.agent;

import io.agenthost.mcp.McpAuthorizationException;
import io.agenthost.run.McpAuthorization;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import io.agenthost.toolbox.ConsentLink;
import java.util.List;
import java.util.Optional;

/**
 * A request's MCP server that answered 401 asks for the user's consent as a toolbox's CONSENT_REQUIRED does, when the
 * application's {@link McpAuthorization} can make a link for it (DESIGN §8).
 */
final class AuthorizationConsent {

    private AuthorizationConsent() {
    }

    static Optional<List<ConsentLink>> links(String label, Throwable failure) {
        if (!(failure instanceof McpAuthorizationException denied) || denied.httpStatus() != 401) {
            return Optional.empty();
        }
        Optional<RunScope> run = RunContext.current();
        if (run.isEmpty()) {
            return Optional.empty();
        }
        McpTarget target = new McpTarget(McpTarget.Kind.REQUEST_SERVER, label, denied.server());
        return McpAuthorization.lookup()
                .flatMap(authorization -> authorization.consentLink(run.get(), target, denied.challenges()))
                .map(link -> List.of(new ConsentLink(label, link)));
    }
}
