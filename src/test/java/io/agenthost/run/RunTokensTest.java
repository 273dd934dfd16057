package io.agenthost.run;

import io.agenthost.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunTokensTest {

    private static final McpTarget CALENDAR = new McpTarget(McpTarget.Kind.TOOLBOX, "calendar",
            URI.create("https://proxy.example/toolboxes/calendar/mcp"));
    private static final McpTarget DOCS = new McpTarget(McpTarget.Kind.REQUEST_SERVER, "docs",
            URI.create("https://docs.example/mcp"));

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final AtomicInteger minted = new AtomicInteger();
    private final McpTokenProvider shortLived = (run, target) -> target.kind() == McpTarget.Kind.TOOLBOX
            ? Optional.of(new McpToken(run.principal() + "-" + minted.incrementAndGet(), clock.instant().plusSeconds(300)))
            : Optional.empty();

    private static RunScope run(String user) {
        return new RunScope("run_" + user, "assistant", user, Map.of("docs", "request-token"));
    }

    @Test
    void aProviderTokenIsReusedAcrossRunsUntilItNearsExpiryThenRefreshed() {
        RunTokens tokens = new RunTokens(List.of(shortLived), clock);

        assertEquals("alice-1", tokens.token(run("alice"), CALENDAR).orElseThrow().value());
        assertEquals("alice-1", tokens.token(run("alice"), CALENDAR).orElseThrow().value());
        clock.advance(Duration.ofSeconds(250));
        assertEquals("alice-2", tokens.token(run("alice"), CALENDAR).orElseThrow().value());
    }

    @Test
    void eachCallerHasTokensOfItsOwn() {
        RunTokens tokens = new RunTokens(List.of(shortLived), clock);

        assertEquals("alice-1", tokens.token(run("alice"), CALENDAR).orElseThrow().value());
        assertEquals("bob-2", tokens.token(run("bob"), CALENDAR).orElseThrow().value());
    }

    @Test
    void aRequestsOwnAuthorizationWinsOverEveryProvider() {
        McpTokenProvider everywhere = new McpTokenProvider() {
            public Optional<McpToken> token(RunScope run, McpTarget target) {
                return Optional.of(new McpToken("minted", Instant.MAX));
            }

            public boolean servesRequestServers() {
                return true;
            }
        };
        assertEquals("request-token", new RunTokens(List.of(everywhere), clock).token(run("alice"), DOCS)
                .orElseThrow().value());
        assertEquals("minted", new RunTokens(List.of(everywhere), clock).token(
                new RunScope("run_1", "assistant", "alice", Map.of()), DOCS).orElseThrow().value());
        assertTrue(new RunTokens(List.of(), clock).token(run("alice"), CALENDAR).isEmpty());
    }

    @Test
    void aProviderIsNotAskedForARequestServerUnlessItServesThem() {
        McpTokenProvider hostOnly = (run, target) -> Optional.of(new McpToken("host-secret", Instant.MAX));
        RunScope noAuthorization = new RunScope("run_1", "assistant", "alice", Map.of());

        assertTrue(new RunTokens(List.of(hostOnly), clock).token(noAuthorization, DOCS).isEmpty());
        assertEquals("host-secret", new RunTokens(List.of(hostOnly), clock).token(noAuthorization, CALENDAR)
                .orElseThrow().value());
    }
}
