package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void theChallengeIsTheRfc7636AppendixBValue() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void verifiersAreFreshUnpaddedBase64UrlOfTheRecommendedLength() {
        SecureRandom random = new SecureRandom();
        Pkce one = Pkce.create(random);
        Pkce two = Pkce.create(random);

        assertEquals(43, one.verifier().length());
        assertTrue(one.verifier().matches("[A-Za-z0-9_-]{43}"), one.verifier());
        assertEquals(Pkce.challenge(one.verifier()), one.challenge());
        assertNotEquals(one.verifier(), two.verifier());
        assertTrue(!one.toString().contains(one.verifier()));
    }
}
