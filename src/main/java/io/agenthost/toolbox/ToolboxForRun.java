package io.agenthost.toolbox;

import java.util.List;

/**
 * A host toolbox as one run finds it: the toolbox, and the consent links this run met when it tried to open it. The
 * links belong to the run's user; the toolbox, shared by every run, keeps none.
 */
public record ToolboxForRun(McpToolbox toolbox, List<ConsentLink> consent) {

    public ToolboxForRun {
        consent = List.copyOf(consent);
    }
}
