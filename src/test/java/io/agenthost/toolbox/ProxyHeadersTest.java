package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.credential.AccessToken;
import io.agenthost.run.McpToken;
import io.agenthost.run.McpTokenProvider;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The Azure credential is replaced by one written here: no Azure identity can be had in a test. */
class ProxyHeadersTest {

    private static final RunScope RUN = new RunScope("run_1", "assistant", "alice", Map.of());

    @Test
    void theFeatureHeaderMergesTheConfiguredFeatures() {
        assertEquals("Toolboxes=V1Preview", ProxyHeaders.features(Optional.empty()));
        assertEquals("Toolboxes=V1Preview,Agents=V1", ProxyHeaders.features(Optional.of(" Agents=V1 , Toolboxes=V1Preview")));
    }

    @Test
    void theTokenIsFetchedPerRequestAndReusedUntilNearExpiry() {
        AtomicInteger fetched = new AtomicInteger();
        ToolboxCredentials credentials = new ToolboxCredentials(() -> request -> Mono.just(
                new AccessToken("token-" + fetched.incrementAndGet(), OffsetDateTime.now().plusHours(1))));
        ProxyHeaders headers = new ProxyHeaders("a", new RunTokens(List.of(), Clock.systemUTC()), credentials,
                Optional.empty());

        Map<String, String> first = headers.forRequest(URI.create("https://p.example/toolboxes/a/mcp"), RUN);
        Map<String, String> second = headers.forRequest(URI.create("https://p.example/toolboxes/a/mcp"), null);

        assertEquals("Bearer token-1", first.get("Authorization"));
        assertEquals("Bearer token-1", second.get("Authorization"));
        assertEquals("Toolboxes=V1Preview", first.get("Foundry-Features"));
        assertEquals(1, fetched.get());
    }

    @Test
    void aTokenProviderOfTheApplicationMintsTheRunsOwnToken() {
        ToolboxCredentials azure = new ToolboxCredentials(() -> request -> Mono.just(
                new AccessToken("host-token", OffsetDateTime.now().plusHours(1))));
        McpTokenProvider perUser = (run, target) -> Optional.of(new McpToken("obo-" + run.principal() + "-"
                + target.label(), Instant.now().plusSeconds(3600)));
        ProxyHeaders headers = new ProxyHeaders("calendar", new RunTokens(List.of(perUser), Clock.systemUTC()), azure,
                Optional.empty());

        assertEquals("Bearer obo-alice-calendar", headers.forRequest(URI.create("https://p.example/x"), RUN)
                .get("Authorization"));
        assertEquals("Bearer host-token", headers.forRequest(URI.create("https://p.example/x"), null)
                .get("Authorization"));
    }

    @Test
    void aTokenCloseToExpiryIsRefreshed() {
        AtomicInteger fetched = new AtomicInteger();
        ToolboxCredentials credentials = new ToolboxCredentials(() -> request -> Mono.just(
                new AccessToken("token-" + fetched.incrementAndGet(), OffsetDateTime.now().plusMinutes(2))));

        assertEquals("token-1", credentials.bearerToken());
        assertEquals("token-2", credentials.bearerToken());
    }
}
