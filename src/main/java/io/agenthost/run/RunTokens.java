package io.agenthost.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token a run sends to an MCP server: for a server the request brought, the request's own {@code authorization}
 * when it gives one; else from the application's {@link McpTokenProvider}s (for request servers only those that
 * {@linkplain McpTokenProvider#servesRequestServers() serve them}). Tokens from providers are cached per caller and server until shortly before
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
        boolean requestServer = target.kind() == McpTarget.Kind.REQUEST_SERVER;
        if (requestServer && run.requestTokens().containsKey(target.label())) {
            // What the request itself says it sends to its own server wins over anything the host would mint.
            return Optional.of(new McpToken(run.requestTokens().get(target.label()), Instant.MAX));
        }
        List<McpTokenProvider> asked = requestServer
                ? providers.stream().filter(McpTokenProvider::servesRequestServers).toList() : providers;
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        CacheKey key = new CacheKey(run.principal(), target.kind(), target.label(), target.url().getAuthority());
        McpToken cached = cache.get(key);
        if (cached != null && clock.instant().plus(REFRESH_BEFORE_EXPIRY).isBefore(cached.expiresAt())) {
            return Optional.of(cached);
        }
        for (McpTokenProvider provider : asked) {
            Optional<McpToken> token = provider.token(run, target);
            if (token.isPresent()) {
                cache.put(key, token.get());
                return token;
            }
        }
        return Optional.empty();
    }

    private record CacheKey(String principal, McpTarget.Kind kind, String label, String authority) {
        CacheKey {
            Objects.requireNonNull(kind);
        }
    }
}
