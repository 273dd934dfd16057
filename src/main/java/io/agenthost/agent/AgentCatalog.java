package io.agenthost.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/** Every agent bean of the deployment, by name (names match without regard to case). */
@ApplicationScoped
public class AgentCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, HostedAgent> agents = new TreeMap<>();

    @Inject
    public AgentCatalog(Instance<Agent> beans, Config config) {
        this(beans, name -> config.getOptionalValue("agent." + name + ".model", String.class));
    }

    /**
     * @param modelOverride the configured upstream model of an agent, by agent name
     */
    public AgentCatalog(Iterable<? extends Agent> beans, Function<String, Optional<String>> modelOverride) {
        for (Agent agent : beans) {
            String name = agent.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("Agent " + agent.getClass().getName() + " has an invalid name '"
                        + name + "': use letters, digits, '.', '-' or '_', at most 64 characters");
            }
            String model = modelOverride.apply(name).orElse(agent.model());
            HostedAgent previous = agents.put(key(name),
                    new HostedAgent(name, agent.instructions(), model, agent.description(), agent.toolboxes()));
            if (previous != null) {
                throw new IllegalStateException("Two agents are named '" + name + "'");
            }
        }
    }

    /** For CDI proxies only. */
    protected AgentCatalog() {
    }

    public Optional<HostedAgent> find(String name) {
        return Optional.ofNullable(agents.get(key(name)));
    }

    public List<HostedAgent> all() {
        return Collections.unmodifiableList(new ArrayList<>(agents.values()));
    }

    /** The only agent when exactly one is deployed. */
    public Optional<HostedAgent> single() {
        return agents.size() == 1 ? Optional.of(agents.values().iterator().next()) : Optional.empty();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
