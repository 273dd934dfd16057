package io.agenthost.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Agents declared by configuration rather than by a bean, so that an operator can host several agents without
 * writing code: {@code agent.configured=travel,billing}, then per agent {@code agent.<name>.instructions}
 * (required), {@code agent.<name>.description}, {@code agent.<name>.model} and {@code agent.<name>.toolboxes}.
 */
final class ConfiguredAgents {

    static final String KEY = "agent.configured";

    private ConfiguredAgents() {
    }

    /**
     * @param config a configuration value by key; MicroProfile Config treats an empty value as absent
     */
    static List<Agent> read(Function<String, Optional<String>> config) {
        List<Agent> agents = new ArrayList<>();
        for (String name : list(config.apply(KEY))) {
            String prefix = "agent." + name + ".";
            String instructions = config.apply(prefix + "instructions").orElseThrow(() -> new IllegalStateException(
                    "The configured agent '" + name + "' has no instructions: set " + prefix + "instructions"));
            // Model and toolboxes are applied by the catalog, as for every agent.
            agents.add(new ConfiguredAgent(name, instructions, Agent.DEFAULT_MODEL,
                    config.apply(prefix + "description").orElse(""), null));
        }
        return agents;
    }

    private static Set<String> list(Optional<String> value) {
        Set<String> names = new LinkedHashSet<>();
        value.ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        });
        return names;
    }

    static Set<String> list(String value) {
        return list(Optional.of(value));
    }

    private record ConfiguredAgent(String name, String instructions, String model, String description,
            Set<String> toolboxes) implements Agent {
    }
}
