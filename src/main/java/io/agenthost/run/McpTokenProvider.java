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
}
