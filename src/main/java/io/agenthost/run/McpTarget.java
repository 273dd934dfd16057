package io.agenthost.run;

import java.net.URI;

/**
 * An MCP server that a run needs a token for.
 *
 * @param label the toolbox name or the request's {@code server_label}
 */
public record McpTarget(Kind kind, String label, URI url) {

    public enum Kind {
        /** A host toolbox (through the Foundry proxy or at its own URL). */
        TOOLBOX,
        /** An MCP server that the request brought. */
        REQUEST_SERVER
    }
}
