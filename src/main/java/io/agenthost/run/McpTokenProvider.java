package io.agenthost.run;

import java.util.Optional;

/**
 * Mints the bearer token a run sends to an MCP server. Implement it as a CDI bean to issue tokens per user (e.g. on
 * behalf of {@link RunScope#principal()}) or per server; the first provider that answers wins, and without one the
 * defaults apply: the request's {@code authorization} for its own servers, azure-identity for the toolbox proxy.
 * Tokens are asked for when a request is sent, never when a connection is built, and are reused until shortly before
 * they expire.
 */
public interface McpTokenProvider {

    /** A token for this run and server, or empty to leave it to the next provider. */
    Optional<McpToken> token(RunScope run, McpTarget target);

    /**
     * Whether this provider is asked for the MCP servers that requests bring ({@link McpTarget.Kind#REQUEST_SERVER}),
     * when the request gives no {@code authorization} of its own. Off unless a provider says so: such a server's URL is
     * chosen by whoever sends the request, and a token minted for the host's own toolboxes must not go there. A
     * provider whose tokens are bound to the server they were issued for (an OAuth grant for that very URL) may serve
     * them.
     */
    default boolean servesRequestServers() {
        return false;
    }
}
