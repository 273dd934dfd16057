package io.agenthost.mcp;

import io.agenthost.run.McpAuthorization;
import io.agenthost.run.RunScope;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.client.transport.McpHttpAuthorizationErrorHandler;
import java.net.http.HttpHeaders;
import java.util.logging.Logger;

/**
 * The transport of either revision tries a request refused with 401 once more when this says so: the run's
 * credential may have been revoked or expired early, and a refreshed one is worth a try before the run gives up on
 * the server.
 */
final class CredentialRenewal {

    private static final Logger LOG = Logger.getLogger(CredentialRenewal.class.getName());

    private final McpEndpoint endpoint;
    private final McpAuthorization authorization;

    /** @param authorization asked whether the request is worth sending again; null to give up at once */
    CredentialRenewal(McpEndpoint endpoint, McpAuthorization authorization) {
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    McpHttpClientTransportAuthorizationErrorHandler forSessions() {
        if (authorization == null) {
            return McpHttpClientTransportAuthorizationErrorHandler.NOOP;
        }
        return McpHttpClientTransportAuthorizationErrorHandler.fromSync((request, response, context) ->
                renewed(context, response.statusCode(), request.headers(), response.headers()));
    }

    McpHttpAuthorizationErrorHandler forStateless() {
        return McpHttpAuthorizationErrorHandler.fromSync((request, response, context) ->
                authorization != null && renewed(context, response.statusCode(), request.headers(), response.headers()));
    }

    private boolean renewed(McpTransportContext context, int status, HttpHeaders sent, HttpHeaders answer) {
        RunScope run = context.get(McpRequestFilter.RUN_SCOPE) instanceof RunScope scope ? scope : null;
        if (run == null || status != 401) {
            return false;
        }
        try {
            return authorization.renew(run, endpoint.url(), sent.firstValue(RequestHeaders.AUTHORIZATION).orElse(null),
                    answer.allValues(McpFailures.WWW_AUTHENTICATE));
        } catch (RuntimeException e) {
            LOG.warning(() -> "MCP server " + endpoint.label() + " refused run " + run.runId()
                    + " and its credential could not be renewed: " + e.getClass().getSimpleName());
            return false;
        }
    }
}
