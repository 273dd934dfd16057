package io.agenthost.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Every agent of the deployment, by name (names match without regard to case): the agent beans, and the agents
 * declared by configuration ({@code agent.configured}).
 */
@ApplicationScoped
public class AgentCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, HostedAgent> agents = new TreeMap<>();

    @Inject
    public AgentCatalog(Instance<Agent> beans, Config config) {
        this(beans, key -> config.getOptionalValue(key, String.class));
    }

    /**
     * @param config a configuration value by key, as MicroProfile Config gives it
     */
    public AgentCatalog(Iterable<? extends Agent> beans, Function<String, Optional<String>> config) {
        for (Agent agent : beans) {
            add(agent, agent.getClass().getName(), config);
        }
        for (Agent agent : ConfiguredAgents.read(config)) {
            add(agent, ConfiguredAgents.KEY, config);
        }
    }

    /** For CDI proxies only. */
    protected AgentCatalog() {
    }

    /**
     * Builds the catalog when the application starts: a misconfigured agent must stop the deployment rather than
     * fail its first request.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing is enough: CDI creates the catalog to deliver the event
    }

    private void add(Agent agent, String source, Function<String, Optional<String>> config) {
        String name = agent.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalStateException("Agent '" + name + "' of " + source + " has an invalid name: use letters,"
                    + " digits, '.', '-' or '_', at most 64 characters, starting with a letter or digit");
        }
        String model = config.apply("agent." + name + ".model").orElse(agent.model());
        Set<String> toolboxes = config.apply("agent." + name + ".toolboxes").map(ConfiguredAgents::list)
                .filter(names -> !names.isEmpty()).orElse(agent.toolboxes());
        HostedAgent previous = agents.put(key(name),
                new HostedAgent(name, agent.instructions(), model, agent.description(), toolboxes));
        if (previous != null) {
            throw new IllegalStateException("Two agents are named '" + name + "' (names match without regard to"
                    + " case): '" + previous.name() + "' is already hosted, and " + source + " declares it again");
        }
    }

    public Optional<HostedAgent> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(agents.get(key(name)));
    }

    public List<HostedAgent> all() {
        return Collections.unmodifiableList(new ArrayList<>(agents.values()));
    }

    /** The only agent when exactly one is deployed. */
    public Optional<HostedAgent> single() {
        return agents.size() == 1 ? Optional.of(agents.values().iterator().next()) : Optional.empty();
    }

    /** Whether two agent names name the same agent. */
    public static boolean sameName(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
