package io.agenthost.toolbox;

import io.agenthost.mcp.McpAuthorizationException;
import io.agenthost.oauth.WwwAuthenticate;
import io.agenthost.run.McpAuthorization;
import io.agenthost.run.McpTarget;
import io.agenthost.run.RunContext;
import io.agenthost.run.RunScope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An MCP server that answered 401 asks for the user's consent as a toolbox's CONSENT_REQUIRED does, when the
 * application's {@link McpAuthorization} can make a link for it (DESIGN §8): a host toolbox at its own URL and a
 * request's MCP server alike. The link is made for the user of the run on the calling thread, and for nobody else.
 */
public final class AuthorizationConsent {

    private AuthorizationConsent() {
    }

    /**
     * Whether users can be led to grant access to a server that refused with this failure: a 401 that names the
     * server's protected resource metadata (RFC 9728), and an {@link McpAuthorization} to follow it. Any other 401 (a
     * host credential the toolbox proxy refused, say) is a fault, not a question for the user.
     */
    static boolean possible(McpAuthorizationException denied) {
        return askable(denied)
                && denied.challenges().stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains("resource_metadata"))
                && McpAuthorization.lookup().isPresent();
    }

    /**
     * The consent links for the user of the run on the calling thread, when the failure is a question for that user:
     * a 401 (a request's own server may be of MCP 2025-03-26, whose challenge names no metadata), or a 403 whose
     * {@code Bearer} challenge says {@code insufficient_scope} (the user granted too little: step-up).
     */
    public static Optional<List<ConsentLink>> links(McpTarget.Kind kind, String label, Throwable failure) {
        if (!(failure instanceof McpAuthorizationException denied) || !askable(denied)) {
            return Optional.empty();
        }
        Optional<RunScope> run = RunContext.current();
        if (run.isEmpty()) {
            return Optional.empty();
        }
        McpTarget target = new McpTarget(kind, label, denied.server());
        return McpAuthorization.lookup()
                .flatMap(authorization -> authorization.consentLink(run.get(), target, denied.challenges()))
                .map(link -> List.of(new ConsentLink(label, link)));
    }

    /** A 401, or a 403 whose token challenge says the user granted too little. */
    private static boolean askable(McpAuthorizationException denied) {
        return denied.httpStatus() == 401
                || denied.httpStatus() == 403 && WwwAuthenticate.insufficientScope(denied.challenges());
    }
}
