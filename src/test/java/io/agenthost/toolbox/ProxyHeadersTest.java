package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.credential.AccessToken;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The Azure credential is replaced by one written here: no Azure identity can be had in a test. */
class ProxyHeadersTest {

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
        ProxyHeaders headers = new ProxyHeaders(credentials, Optional.empty());

        Map<String, String> first = headers.forRequest(URI.create("https://p.example/toolboxes/a/mcp"));
        Map<String, String> second = headers.forRequest(URI.create("https://p.example/toolboxes/a/mcp"));

        assertEquals("Bearer token-1", first.get("Authorization"));
        assertEquals("Bearer token-1", second.get("Authorization"));
        assertEquals("Toolboxes=V1Preview", first.get("Foundry-Features"));
        assertEquals(1, fetched.get());
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
