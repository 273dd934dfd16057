package io.agenthost.agent;

import java.util.Set;

/**
 * An agent as the server runs it, with its configuration applied.
 *
 * @param toolboxes the host toolboxes it is offered, or null for all
 */
public record HostedAgent(String name, String instructions, String model, String description, Set<String> toolboxes) {

    public HostedAgent {
        toolboxes = toolboxes == null ? null : Set.copyOf(toolboxes);
    }
}
