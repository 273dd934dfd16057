package io.agenthost.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token a run sends to an MCP server: from the application's {@link McpTokenProvider}s, else the request's own
 * {@code authorization} for that server. Tokens from providers are cached per caller and server until shortly before
 * they expire, so each run gets a valid one without asking the provider every time.
 */
@ApplicationScoped
public class RunTokens {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final List<McpTokenProvider> providers;
    private final Clock clock;
    private final Map<CacheKey, McpToken> cache = new ConcurrentHashMap<>();

    @Inject
    public RunTokens(Instance<McpTokenProvider> providers) {
        this(providers.stream().toList(), Clock.systemUTC());
    }

    public RunTokens(List<McpTokenProvider> providers, Clock clock) {
        this.providers = new ArrayList<>(providers);
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected RunTokens() {
        this.providers = List.of();
        this.clock = null;
    }

    public Optional<McpToken> token(RunScope run, McpTarget target) {
        if (!providers.isEmpty()) {
            CacheKey key = new CacheKey(run.principal(), target.kind(), target.label(), target.url().getAuthority());
            McpToken cached = cache.get(key);
            if (cached != null && clock.instant().plus(REFRESH_BEFORE_EXPIRY).isBefore(cached.expiresAt())) {
                return Optional.of(cached);
            }
            for (McpTokenProvider provider : providers) {
                Optional<McpToken> token = provider.token(run, target);
                if (token.isPresent()) {
                    cache.put(key, token.get());
                    return token;
                }
            }
        }
        if (target.kind() == McpTarget.Kind.REQUEST_SERVER) {
            return Optional.ofNullable(run.requestTokens().get(target.label()))
                    .map(value -> new McpToken(value, java.time.Instant.MAX));
        }
        return Optional.empty();
    }

    private record CacheKey(String principal, McpTarget.Kind kind, String label, String authority) {
        CacheKey {
            Objects.requireNonNull(kind);
        }
    }
}
