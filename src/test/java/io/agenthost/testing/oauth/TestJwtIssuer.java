package io.agenthost.testing.oauth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs the JSON Web Tokens that an identity provider gives the callers of a MicroProfile JWT server: RS256 with a key
 * pair made at start (never written anywhere), published as a JWK set.
 */
public final class TestJwtIssuer {

    /** The audience the tokens name, which the server under test must be configured to accept. */
    public static final String AUDIENCE = "agent-host";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String keyId = "test-" + UUID.randomUUID();
    private final KeyPair keys;

    public TestJwtIssuer(String issuer) {
        this.issuer = issuer;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA here", e);
        }
    }

    /** The JWK set (RFC 7517) of the one signing key. */
    public JsonObject jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("kty", "RSA").add("use", "sig").add("alg", "RS256").add("kid", keyId)
                .add("n", unsigned(key.getModulus())).add("e", unsigned(key.getPublicExponent())))).build();
    }

    /** A token for {@code user} ({@code upn} and {@code sub}), valid for {@code lifetime} from now. */
    public String sign(String user, Duration lifetime) {
        Instant now = Instant.now();
        return sign("JWT", Json.createObjectBuilder()
                .add("iss", issuer).add("aud", AUDIENCE).add("sub", user).add("upn", user)
                .add("groups", Json.createArrayBuilder().add("users"))
                .add("iat", now.getEpochSecond()).add("exp", now.plus(lifetime).getEpochSecond())
                .add("jti", UUID.randomUUID().toString()).build());
    }

    /**
     * An identity assertion authorization grant (ID-JAG) for {@code user}: what an enterprise identity provider
     * gives a client for the authorization server {@code audience}, to redeem there for a token for {@code resource}.
     */
    public String signGrant(String user, String audience, String resource, String clientId) {
        Instant now = Instant.now();
        return sign("oauth-id-jag+jwt", Json.createObjectBuilder()
                .add("iss", issuer).add("aud", audience).add("sub", user).add("resource", resource)
                .add("client_id", clientId).add("iat", now.getEpochSecond())
                .add("exp", now.plusSeconds(300).getEpochSecond()).add("jti", UUID.randomUUID().toString()).build());
    }

    private String sign(String type, JsonObject claims) {
        JsonObject header = Json.createObjectBuilder().add("alg", "RS256").add("typ", type).add("kid", keyId).build();
        String content = encode(header.toString()) + "." + encode(claims.toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JWK integers are big-endian without the sign byte that BigInteger adds to a high first bit. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
