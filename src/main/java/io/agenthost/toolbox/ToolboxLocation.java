package io.agenthost.toolbox;

import java.net.URI;

/**
 * Where a toolbox lives.
 *
 * @param url     its MCP endpoint, or null when nothing is configured for it
 * @param proxy   whether it is reached through the Foundry toolbox proxy (which needs an Azure token)
 * @param problem a configuration error that makes the toolbox unusable, or null
 */
public record ToolboxLocation(URI url, boolean proxy, String problem) {

    static ToolboxLocation none() {
        return new ToolboxLocation(null, false, null);
    }

    static ToolboxLocation invalid(String problem) {
        return new ToolboxLocation(null, false, problem);
    }
}
