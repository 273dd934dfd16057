package io.agenthost.mcp;

import io.agenthost.run.McpAuthorization;
import io.agenthost.run.RunScope;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.client.transport.McpHttpAuthorizationErrorHandler;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.logging.Logger;

/**
 * The transport of either revision tries a request refused with 401 once more when this says so: the server gave the
 * nonce its proofs of possession must carry, or the run's credential may have been revoked or expired early, and a
 * refreshed one is worth a try before the run gives up on the server.
 */
final class CredentialRenewal {

    private static final Logger LOG = Logger.getLogger(CredentialRenewal.class.getName());

    private final McpEndpoint endpoint;
    private final McpAuthorization authorization;
    private final ProofNonce nonce = new ProofNonce();

    /** @param authorization asked whether the request is worth sending again; null to give up at once */
    CredentialRenewal(McpEndpoint endpoint, McpAuthorization authorization) {
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    /** The nonce the connection's proofs carry. */
    ProofNonce nonce() {
        return nonce;
    }

    McpHttpClientTransportAuthorizationErrorHandler forSessions() {
        return McpHttpClientTransportAuthorizationErrorHandler.fromSync((request, response, context) ->
                renewed(context, response.statusCode(), request.headers(), response.headers()));
    }

    McpHttpAuthorizationErrorHandler forStateless() {
        return McpHttpAuthorizationErrorHandler.fromSync((request, response, context) ->
                renewed(context, response.statusCode(), request.headers(), response.headers()));
    }

    private boolean renewed(McpTransportContext context, int status, HttpHeaders sent, HttpHeaders answer) {
        RunScope run = context.get(McpRequestFilter.RUN_SCOPE) instanceof RunScope scope ? scope : null;
        if (status != 401) {
            return false;
        }
        List<String> challenges = answer.allValues(McpFailures.WWW_AUTHENTICATE);
        if (nonce.offered(sent, answer, challenges)) {
            return true;
        }
        if (run == null || authorization == null) {
            return false;
        }
        try {
            return authorization.renew(run, endpoint.url(), sent.firstValue(RequestHeaders.AUTHORIZATION).orElse(null),
                    challenges);
        } catch (RuntimeException e) {
            LOG.warning(() -> "MCP server " + endpoint.label() + " refused run " + run.runId()
                    + " and its credential could not be renewed: " + e.getClass().getSimpleName());
            return false;
        }
    }
}
