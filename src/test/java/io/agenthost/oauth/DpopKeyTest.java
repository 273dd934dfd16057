package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Proofs of possession as a resource server checks them, with Nimbus's verifier of RFC 9449 §4.3 and §7.1. */
class DpopKeyTest {

    private static final URI MCP = URI.create("https://mcp.example/mcp");

    private final DPoPProtectedResourceRequestVerifier verifier = new DPoPProtectedResourceRequestVerifier(
            Set.of(JWSAlgorithm.ES256), 60, null);

    @Test
    void aProofIsForItsRequestItsTokenAndTheServersNonce() throws Exception {
        DpopKey key = DpopKey.generate();
        SignedJWT proof = SignedJWT.parse(key.proof("POST", URI.create("https://mcp.example/mcp?x=1#f"), "tok",
                "n-1"));
        assertEquals("dpop+jwt", proof.getHeader().getType().getType());
        assertNull(proof.getHeader().getJWK().toECKey().getD(), "the header carries the public key only");
        assertEquals(MCP.toString(), proof.getJWTClaimsSet().getStringClaim("htu"), "no query, no fragment");
        JWKThumbprintConfirmation cnf = JWKThumbprintConfirmation.of(proof.getHeader().getJWK());

        verifier.verify("POST", MCP, new DPoPIssuer(new ClientID("host")), proof, new DPoPAccessToken("tok"), cnf,
                new Nonce("n-1"));
        assertThrows(InvalidDPoPProofException.class, () -> verifier.verify("GET", MCP,
                new DPoPIssuer(new ClientID("host")), proof, new DPoPAccessToken("tok"), cnf, new Nonce("n-1")));
        assertThrows(Exception.class, () -> verifier.verify("POST", MCP, new DPoPIssuer(new ClientID("host")),
                proof, new DPoPAccessToken("another"), cnf, new Nonce("n-1")), "bound to the token it goes with");
        assertThrows(InvalidDPoPProofException.class, () -> verifier.verify("POST", MCP,
                new DPoPIssuer(new ClientID("host")), proof, new DPoPAccessToken("tok"), cnf, new Nonce("n-2")));
    }

    @Test
    void eachRequestGetsAFreshProof() throws Exception {
        DpopKey key = DpopKey.generate();
        assertNotEquals(SignedJWT.parse(key.proof("POST", MCP, "tok", null)).getJWTClaimsSet().getJWTID(),
                SignedJWT.parse(key.proof("POST", MCP, "tok", null)).getJWTClaimsSet().getJWTID());
    }

    @Test
    void aTokenRequestProofNamesTheTokenEndpointAndNoToken() throws Exception {
        SignedJWT proof = DpopKey.generate().tokenRequestProof(URI.create("https://as.example/token"), null);
        assertEquals("https://as.example/token", proof.getJWTClaimsSet().getStringClaim("htu"));
        assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertNull(proof.getJWTClaimsSet().getClaim("ath"));
    }

    /** The grant keeps its key through storage, so a token refreshed or used by another replica proves the same key. */
    @Test
    void aGrantKeepsItsKeyThroughStorage() throws Exception {
        DpopKey key = DpopKey.generate();
        Grant grant = new Grant("tok", "ref", Instant.ofEpochSecond(2_000_000_000L), URI.create("https://as/token"),
                new OAuthClient("c", null, "none"), MCP, "s", key);
        Grant stored = Grant.fromJson(grant.toJson());
        assertEquals(thumbprint(key), thumbprint(stored.proofKey()));
        assertEquals(true, stored.carries("DPoP tok"));
        assertFalse(stored.carries("Bearer tok"), "a bound token refused as a bearer one is another request's");
        assertFalse(Grant.fromJson(new Grant("tok", null, null, URI.create("https://as/token"),
                new OAuthClient("c", null, "none"), MCP, null, null).toJson()).toJson().containsKey("proof_key"));
        assertFalse(grant.toString().contains(key.toJson()), "the key is never shown");
        String publicOnly = SignedJWT.parse(key.proof("GET", MCP, "t", null)).getHeader().getJWK().toJSONString();
        assertThrows(IllegalArgumentException.class, () -> DpopKey.fromJson(publicOnly),
                "a record without the private key is unreadable, like any other");
    }

    private static String thumbprint(DpopKey key) throws Exception {
        return JWKThumbprintConfirmation.of(SignedJWT.parse(key.proof("GET", MCP, "t", null)).getHeader().getJWK())
                .getValue().toString();
    }
}
