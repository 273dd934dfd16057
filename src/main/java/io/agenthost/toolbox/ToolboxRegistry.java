package io.agenthost.toolbox;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.run.RunTokens;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The toolboxes the host holds: those injected with {@link Toolbox} and those named in {@code agent.toolboxes}.
 * Opens them, keeps their status, and retries the degraded ones when a request needs them.
 */
@ApplicationScoped
public class ToolboxRegistry {

    private final Map<String, HostToolbox> toolboxes = new LinkedHashMap<>();
    /** Toolboxes that requests selected with markers; kept apart so they never change readiness. */
    private final MarkerToolboxes requested;
    private final boolean strict;
    private final ToolboxLocator locator;
    private final BiFunction<ToolboxRef, ToolboxLocation, RequestHeaders> headers;
    private final McpClientSettings settings;
    private final Duration startupTimeout;
    private final Clock clock;
    private volatile Instant startupDeadline;

    @Inject
    public ToolboxRegistry(ToolboxExtension extension, ToolboxLocator locator, ToolboxCredentials credentials,
            @ConfigProperty(name = "agent.toolboxes") Optional<String> configured,
            @ConfigProperty(name = "agent.toolbox.startup-timeout", defaultValue = "PT30S") Duration startupTimeout,
            @ConfigProperty(name = "FOUNDRY_AGENT_TOOLSET_FEATURES") Optional<String> features,
            @ConfigProperty(name = "agent.toolbox.markers.max-open", defaultValue = "32") int markersMaxOpen,
            @ConfigProperty(name = "agent.toolbox.markers.idle-timeout", defaultValue = "PT15M") Duration markersIdle,
            @ConfigProperty(name = "agent.toolbox.strict", defaultValue = "true") boolean strict,
            McpClientSettings settings, RunTokens tokens) {
        this(refs(extension.declared(), configured, locator.declaredByPlatform()), locator,
                (ref, location) -> location.proxy() ? ToolboxHeaders.proxy(ref.name(), tokens, credentials, features)
                        : ToolboxHeaders.ownUrl(ref.name(), tokens), settings, startupTimeout,
                new MarkerToolboxes(markersMaxOpen, markersIdle, Clock.systemUTC()), strict, Clock.systemUTC());
    }

    /** @param headers the headers of a toolbox's requests, by where it lives */
    public ToolboxRegistry(Collection<ToolboxRef> refs, ToolboxLocator locator,
            BiFunction<ToolboxRef, ToolboxLocation, RequestHeaders> headers,
            McpClientSettings settings, Duration startupTimeout, Clock clock) {
        this(refs, locator, headers, settings, startupTimeout, new MarkerToolboxes(32, Duration.ofMinutes(15), clock),
                true, clock);
    }

    /** @param strict whether a toolbox the proxy does not know is Unhealthy rather than Degraded */
    ToolboxRegistry(Collection<ToolboxRef> refs, ToolboxLocator locator,
            BiFunction<ToolboxRef, ToolboxLocation, RequestHeaders> headers, McpClientSettings settings,
            Duration startupTimeout, MarkerToolboxes requested, boolean strict, Clock clock) {
        this.requested = requested;
        this.strict = strict;
        this.startupTimeout = startupTimeout;
        this.clock = clock;
        this.locator = locator;
        this.headers = headers;
        this.settings = settings;
        for (ToolboxRef ref : refs) {
            toolboxes.putIfAbsent(ref.name(), create(ref));
        }
    }

    private HostToolbox create(ToolboxRef ref) {
        ToolboxLocation location = locator.locate(ref);
        McpEndpoint endpoint = location.url() == null ? null
                : new McpEndpoint("toolbox " + ref.name(), location.url(), headers.apply(ref, location));
        return new HostToolbox(ref, location, endpoint, settings, strict);
    }

    /**
     * The toolbox a request selected with a marker: a host toolbox of that name, or one opened on first use and
     * kept for later requests. Two requests that select the same new toolbox at once open it once; the second
     * waits for the first.
     */
    public ToolboxForRun requested(ToolboxRef ref) {
        HostToolbox host = toolboxes.get(ref.name());
        boolean sameVersion = host != null && (ref.version() == null || ref.version().equals(host.ref().version()));
        HostToolbox toolbox = sameVersion ? host
                : requested.get(ref.name() + "@" + (ref.version() == null ? "" : ref.version()), () -> create(ref));
        return new ToolboxForRun(toolbox, toolbox.openOrAwait());
    }

    /** For CDI proxies only. */
    protected ToolboxRegistry() {
        this.startupTimeout = null;
        this.clock = null;
        this.locator = null;
        this.headers = null;
        this.requested = null;
        this.strict = true;
        this.settings = null;
    }

    /** Starts opening every toolbox, in parallel on the executor; returns at once. */
    public void openAll(Executor executor) {
        startupDeadline = clock.instant().plus(startupTimeout);
        for (HostToolbox toolbox : toolboxes.values()) {
            executor.execute(toolbox::open);
        }
    }

    /**
     * The toolboxes that serve a run, after one more try at each degraded one (single-flight: a toolbox that another
     * request is opening is taken as it stands) and at each one waiting for consent. The latter is tried by every run
     * with its own credentials, one after the other, so that each user learns where to consent for themselves and a
     * user who has consented opens it.
     *
     * @param names the agent's toolboxes, or null for all of them
     */
    public List<ToolboxForRun> forRun(Set<String> names) {
        List<ToolboxForRun> serving = new ArrayList<>();
        for (HostToolbox toolbox : toolboxes.values()) {
            if (names == null || names.contains(toolbox.name())) {
                List<ConsentLink> consent = List.of();
                if (toolbox.status() == ToolboxStatus.Degraded) {
                    toolbox.open();
                } else if (toolbox.status() == ToolboxStatus.ConsentRequired) {
                    consent = toolbox.openOrAwait();
                }
                serving.add(new ToolboxForRun(toolbox, consent));
            }
        }
        return serving;
    }

    public Optional<McpToolbox> find(String name) {
        return Optional.ofNullable(toolboxes.get(name));
    }

    /** Each toolbox's status, as readiness reports it: still Pending past the startup timeout counts as Degraded. */
    public Map<String, ToolboxStatus> statuses() {
        Map<String, ToolboxStatus> statuses = new LinkedHashMap<>();
        toolboxes.forEach((name, toolbox) -> statuses.put(name, effective(toolbox.status())));
        return statuses;
    }

    /** The status of the whole set. */
    public ToolboxStatus overall() {
        Collection<ToolboxStatus> all = statuses().values();
        if (all.contains(ToolboxStatus.Unhealthy)) {
            return ToolboxStatus.Unhealthy;
        }
        if (all.contains(ToolboxStatus.Pending)) {
            return ToolboxStatus.Pending;
        }
        if (all.stream().allMatch(s -> s == ToolboxStatus.NoEndpoint)) {
            return ToolboxStatus.NoEndpoint;
        }
        if (all.contains(ToolboxStatus.ConsentRequired)) {
            return ToolboxStatus.ConsentRequired;
        }
        if (all.contains(ToolboxStatus.Degraded)) {
            return ToolboxStatus.Degraded;
        }
        return ToolboxStatus.Healthy;
    }

    /** Whether the startup opens are over: all done, or the startup timeout passed. */
    public boolean startupFinished() {
        return startupDeadline != null && !statuses().containsValue(ToolboxStatus.Pending);
    }

    private ToolboxStatus effective(ToolboxStatus status) {
        if (status == ToolboxStatus.Pending && startupDeadline != null && clock.instant().isAfter(startupDeadline)) {
            return ToolboxStatus.Degraded;
        }
        return status;
    }

    @PreDestroy
    void close() {
        toolboxes.values().forEach(HostToolbox::close);
        requested.closeAll();
    }

    private static Set<ToolboxRef> refs(Set<ToolboxRef> declared, Optional<String> configured,
            Set<ToolboxRef> platform) {
        Set<ToolboxRef> refs = new LinkedHashSet<>(declared);
        configured.ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .forEach(name -> refs.add(new ToolboxRef(name, null))));
        refs.addAll(platform);
        return refs;
    }

}
