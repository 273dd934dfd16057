package io.agenthost.mcp;

import io.agenthost.run.McpToken;
import io.agenthost.run.RunScope;
import java.util.Map;

/**
 * The headers one outgoing MCP request carries, decided when the request is sent (not when the connection is
 * built) for the run that sends it, so a token is always the current one of the right run.
 */
@FunctionalInterface
public interface RequestHeaders {

    RequestHeaders NONE = (request, run) -> Map.of();

    /**
     * @param request what is about to be sent, and where
     * @param run     the run the request is made for, or null outside a run
     * @return header names and values; a credential ({@link #AUTHORIZATION}, {@link #DPOP}) among them is only sent
     *         when the request stays on the server's own origin
     */
    Map<String, String> forRequest(OutgoingRequest request, RunScope run);

    String AUTHORIZATION = "Authorization";

    /** The header of a proof of possession (RFC 9449 §4.1). */
    String DPOP = "DPoP";

    /** What precedes a bearer token in {@link #AUTHORIZATION}. */
    String BEARER = "Bearer ";

    /**
     * Puts the credential of {@code token} for this request into {@code headers}: {@code Authorization} with the
     * token's scheme, and for a token bound to a key a fresh proof of it.
     */
    static void credential(Map<String, String> headers, McpToken token, OutgoingRequest request) {
        headers.put(AUTHORIZATION, token.scheme() + " " + token.value());
        if (token.proofKey() != null) {
            headers.put(DPOP, token.proofKey().proof(request.method(), request.uri(), token.value(), request.nonce()));
        }
    }
}
