package io.agenthost.agent;

import java.util.Optional;
import java.util.Set;

/**
 * Which toolboxes a request may select with a {@code foundry-toolbox://} marker, and what happens to one it may not or
 * that cannot be opened. A marker opens a connection with the host's own identity, so a request may name only the
 * agent's own toolboxes and those the operator allows for markers ({@code agent.toolbox.markers.allowed}).
 *
 * @param strict  whether a marker that is refused or cannot be opened fails the response ({@code agent.toolbox.strict});
 *                else it is reported in its {@code mcp_list_tools} item and the run goes on without it
 * @param allowed the toolbox names any agent's requests may select besides the agent's own
 */
public record MarkerPolicy(boolean strict, Set<String> allowed) {

    public MarkerPolicy {
        allowed = Set.copyOf(allowed);
    }

    static MarkerPolicy of(boolean strict, Optional<String> allowed) {
        return new MarkerPolicy(strict, allowed.map(ConfiguredAgents::list).orElse(Set.of()));
    }

    /**
     * @param agentToolboxes the agent's own toolboxes, or null when it holds every host toolbox
     * @param hostToolbox    whether the name is one of the host's toolboxes
     */
    boolean allows(String name, Set<String> agentToolboxes, boolean hostToolbox) {
        return allowed.contains(name) || (agentToolboxes == null ? hostToolbox : agentToolboxes.contains(name));
    }
}
