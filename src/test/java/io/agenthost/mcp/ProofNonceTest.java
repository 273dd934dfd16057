package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProofNonceTest {

    private static final HttpHeaders PROVEN = headers(Map.of("Authorization", "DPoP t", "DPoP", "proof"));
    private static final List<String> USE_NONCE = List.of("DPoP error=\"use_dpop_nonce\", resource_metadata=\"m\"");

    @Test
    void theNonceOfAUseDpopNonceRefusalIsKeptAndWorthOneMoreTry() {
        ProofNonce nonce = new ProofNonce();
        assertNull(nonce.current());
        assertTrue(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-1")), USE_NONCE));
        assertEquals("n-1", nonce.current());
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-1")), USE_NONCE),
                "refused with the nonce it already carried: another try would loop");
        assertTrue(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n-2")), USE_NONCE));
        assertEquals("n-2", nonce.current());
    }

    @Test
    void otherRefusalsAreNotAboutTheNonce() {
        ProofNonce nonce = new ProofNonce();
        assertFalse(nonce.offered(headers(Map.of("Authorization", "Bearer t")), headers(Map.of("DPoP-Nonce", "n")),
                USE_NONCE), "a request without a proof");
        assertFalse(nonce.offered(PROVEN, headers(Map.of()), USE_NONCE), "no nonce given");
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "n")),
                List.of("DPoP error=\"invalid_token\"")), "another error");
        assertFalse(nonce.offered(PROVEN, headers(Map.of("DPoP-Nonce", "b\u0001ad")), USE_NONCE), "not a field value");
        assertNull(nonce.current());
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))), (a, b) -> true);
    }
}
