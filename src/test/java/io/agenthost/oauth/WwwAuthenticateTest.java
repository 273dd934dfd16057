package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WwwAuthenticateTest {

    @Test
    void readsTheResourceMetadataOfABearerChallenge() {
        WwwAuthenticate.Challenge bearer = WwwAuthenticate.tokenChallenge(List.of(
                "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", "
                        + "scope=\"files:read files:write\"")).orElseThrow();

        assertEquals("https://mcp.example.com/.well-known/oauth-protected-resource",
                bearer.param("resource_metadata").orElseThrow());
        assertEquals("files:read files:write", bearer.param("SCOPE").orElseThrow());
    }

    @Test
    void insufficientScopeIsTheTokenChallengesErrorOnly() {
        assertTrue(WwwAuthenticate.insufficientScope(List.of(
                "Bearer error=\"insufficient_scope\", scope=\"files:write\"")));
        assertFalse(WwwAuthenticate.insufficientScope(List.of("Bearer error=\"invalid_token\"")));
        assertFalse(WwwAuthenticate.insufficientScope(List.of("Basic error=\"insufficient_scope\"")));
        assertFalse(WwwAuthenticate.insufficientScope(List.of()));
    }

    @Test
    void findsBearerAmongSeveralChallengesAndHeaders() {
        List<WwwAuthenticate.Challenge> all = WwwAuthenticate.parse(List.of(
                "Basic realm=\"a, b\", Negotiate abc+/=", "DPoP algs=\"ES256\", Bearer error=\"invalid_token\","
                        + " resource_metadata=\"https://x.example/m\""));

        assertEquals(List.of("Basic", "Negotiate", "DPoP", "Bearer"),
                all.stream().map(WwwAuthenticate.Challenge::scheme).toList());
        assertEquals(Map.of("realm", "a, b"), all.get(0).params());
        assertEquals(Map.of("error", "invalid_token", "resource_metadata", "https://x.example/m"), all.get(3).params());
    }

    @Test
    void acceptsTokensUnquotedValuesEscapesAndOddSpacing() {
        WwwAuthenticate.Challenge bearer = WwwAuthenticate.tokenChallenge(List.of(
                "bearer   realm = api ,error_description=\"say \\\"no\\\"\",,resource_metadata=\"u\"")).orElseThrow();

        assertEquals("bearer", bearer.scheme());
        assertEquals("api", bearer.param("realm").orElseThrow());
        assertEquals("say \"no\"", bearer.param("error_description").orElseThrow());
        assertEquals("u", bearer.param("resource_metadata").orElseThrow());
    }

    @Test
    void aRepeatedParameterKeepsItsFirstValue() {
        assertEquals("first", WwwAuthenticate.tokenChallenge(List.of("Bearer resource_metadata=\"first\","
                + " resource_metadata=\"second\"")).orElseThrow().param("resource_metadata").orElseThrow());
    }

    @Test
    void aBareSchemeHasNoParameters() {
        assertTrue(WwwAuthenticate.tokenChallenge(List.of("Bearer")).orElseThrow().params().isEmpty());
    }

    @Test
    void malformedTextStopsTheParseWithoutGuessing() {
        WwwAuthenticate.Challenge bearer = WwwAuthenticate.tokenChallenge(List.of("Bearer a=\"unterminated")).orElseThrow();
        assertTrue(bearer.params().isEmpty());

        assertTrue(WwwAuthenticate.tokenChallenge(List.of("Basic realm=x")).isEmpty());
        assertTrue(WwwAuthenticate.parse(List.of("", "   ", "=x", "Bearer " + "a".repeat(9000))).isEmpty());
    }
}
