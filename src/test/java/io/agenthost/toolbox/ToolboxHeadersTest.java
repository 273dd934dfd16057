package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.agenthost.mcp.OutgoingRequest;
import io.agenthost.run.McpToken;
import io.agenthost.run.McpTokenProvider;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The Azure credential is replaced by one written here: no Azure identity can be had in a test. */
class ToolboxHeadersTest {

    private static final RunScope RUN = new RunScope("run_1", "assistant", "alice", Map.of());
    private static final URI PROXY = URI.create("https://p.example/toolboxes/a/mcp");

    private static ToolboxCredentials azure(TokenCredential credential) {
        return new ToolboxCredentials(() -> credential, Clock.systemUTC());
    }

    private static McpTokenProvider perUser() {
        return (run, target) -> Optional.of(new McpToken("obo-" + run.principal() + "-" + target.label() + "-"
                + target.kind(), Instant.now().plusSeconds(3600)));
    }

    @Test
    void theFeatureHeaderMergesTheConfiguredFeatures() {
        assertEquals("Toolboxes=V1Preview", ToolboxHeaders.features(Optional.empty()));
        assertEquals("Toolboxes=V1Preview,Agents=V1", ToolboxHeaders.features(Optional.of(" Agents=V1 , Toolboxes=V1Preview")));
    }

    @Test
    void theTokenIsFetchedPerRequestAndReusedUntilNearExpiry() {
        AtomicInteger fetched = new AtomicInteger();
        ToolboxCredentials credentials = azure(request -> Mono.just(
                new AccessToken("token-" + fetched.incrementAndGet(), OffsetDateTime.now().plusHours(1))));
        ToolboxHeaders headers = ToolboxHeaders.proxy("a", new RunTokens(List.of(), Clock.systemUTC()), credentials,
                Optional.empty());

        Map<String, String> first = headers.forRequest(post(PROXY), RUN);
        Map<String, String> second = headers.forRequest(post(PROXY), null);

        assertEquals("Bearer token-1", first.get("Authorization"));
        assertEquals("Bearer token-1", second.get("Authorization"));
        assertEquals("Toolboxes=V1Preview", first.get("Foundry-Features"));
        assertEquals(1, fetched.get());
    }

    @Test
    void aTokenProviderOfTheApplicationMintsTheRunsOwnToken() {
        ToolboxCredentials host = azure(request -> Mono.just(new AccessToken("host-token", OffsetDateTime.now().plusHours(1))));
        ToolboxHeaders headers = ToolboxHeaders.proxy("calendar", new RunTokens(List.of(perUser()), Clock.systemUTC()),
                host, Optional.empty());

        assertEquals("Bearer obo-alice-calendar-TOOLBOX", headers.forRequest(post(URI.create("https://p.example/x")), RUN)
                .get("Authorization"));
        assertEquals("Bearer host-token", headers.forRequest(post(URI.create("https://p.example/x")), null)
                .get("Authorization"));
    }

    @Test
    void aToolboxAtItsOwnUrlGetsTheRunsTokenPerRequestAndNoAzureToken() {
        URI own = URI.create("https://calendar.example/mcp");
        ToolboxHeaders withProvider = ToolboxHeaders.ownUrl("calendar", new RunTokens(List.of(perUser()), Clock.systemUTC()));
        ToolboxHeaders without = ToolboxHeaders.ownUrl("calendar", new RunTokens(List.of(), Clock.systemUTC()));

        assertEquals(Map.of("Authorization", "Bearer obo-alice-calendar-TOOLBOX"), withProvider.forRequest(post(own), RUN));
        assertEquals("Bearer obo-bob-calendar-TOOLBOX", withProvider.forRequest(post(own),
                new RunScope("run_2", "assistant", "bob", Map.of())).get("Authorization"));
        assertEquals(Map.of(), withProvider.forRequest(post(own), null));
        assertEquals(Map.of(), without.forRequest(post(own), RUN));
    }

    @Test
    void aTokenCloseToExpiryIsRefreshed() {
        AtomicInteger fetched = new AtomicInteger();
        ToolboxCredentials credentials = azure(request -> Mono.just(
                new AccessToken("token-" + fetched.incrementAndGet(), OffsetDateTime.now().plusMinutes(2))));

        assertEquals("token-1", credentials.bearerToken());
        assertEquals("token-2", credentials.bearerToken());
    }

    @Test
    void aSlowRenewalDoesNotHoldUpRequestsThatHaveAValidToken() throws Exception {
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetched = new AtomicInteger();
        ToolboxCredentials credentials = azure(request -> {
            int n = fetched.incrementAndGet();
            if (n == 2) {
                renewing.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // the first token is already inside the window of early renewal; the second is not
            return Mono.just(new AccessToken("token-" + n, OffsetDateTime.now(ZoneOffset.UTC)
                    .plus(n == 1 ? Duration.ofMinutes(2) : Duration.ofHours(1))));
        });
        assertEquals("token-1", credentials.bearerToken());

        CompletableFuture<String> renewal = CompletableFuture.supplyAsync(credentials::bearerToken);
        assertTrue(renewing.await(10, TimeUnit.SECONDS));
        long started = System.nanoTime();
        String meanwhile = credentials.bearerToken();
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        release.countDown();

        assertEquals("token-1", meanwhile);
        assertTrue(waitedMillis < 1_000, "waited " + waitedMillis + " ms");
        assertEquals("token-2", renewal.get(10, TimeUnit.SECONDS));
        assertEquals("token-2", credentials.bearerToken());
        assertEquals(2, fetched.get());
    }

    @Test
    void theRunsPlatformCallIdGoesToTheProxyOnlyAndUnchanged() {
        ToolboxCredentials host = azure(request -> Mono.just(new AccessToken("host-token", OffsetDateTime.now().plusHours(1))));
        RunTokens none = new RunTokens(List.of(), Clock.systemUTC());
        RunScope platformRun = new RunScope("run_1", "assistant", "alice", Map.of(), "call-7f3a/alice");

        assertEquals("call-7f3a/alice", ToolboxHeaders.proxy("calendar", none, host, Optional.empty())
                .forRequest(post(PROXY), platformRun).get("x-agent-foundry-call-id"));
        assertTrue(ToolboxHeaders.proxy("calendar", none, host, Optional.empty()).forRequest(post(PROXY), RUN)
                .keySet().stream().noneMatch(name -> name.equalsIgnoreCase("x-agent-foundry-call-id")));
        assertEquals(Map.of(), ToolboxHeaders.ownUrl("calendar", none).forRequest(post(URI.create("https://c.example/mcp")),
                platformRun));
        assertEquals(Map.of("x-agent-foundry-call-id", "call-7f3a/alice"), ToolboxHeaders.ownUrl("planner", none)
                .forRequest(post(URI.create("https://proj.services.ai.azure.com/agents/planner/mcp")), platformRun));
        assertEquals(Map.of(), ToolboxHeaders.ownUrl("planner", none)
                .forRequest(post(URI.create("https://proj.services.ai.azure.com.evil.example/mcp")), platformRun));
    }

    private static OutgoingRequest post(URI uri) {
        return new OutgoingRequest("POST", uri, null);
    }
}
