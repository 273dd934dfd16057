package io.agenthost.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange with the S256 method (RFC 7636): a fresh random verifier per authorization, of which
 * only the challenge travels through the user's browser.
 *
 * @param verifier  43 characters of base64url, sent only to the token endpoint
 * @param challenge BASE64URL(SHA-256(verifier)), sent with the authorize request
 */
public record Pkce(String verifier, String challenge) {

    public static final String METHOD = "S256";

    /** 32 random bytes: the 256 bits RFC 7636 §7.1 recommends. */
    public static Pkce create(SecureRandom random) {
        String verifier = randomToken(random, 32);
        return new Pkce(verifier, challenge(verifier));
    }

    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Random bytes as unpadded base64url, for verifiers and {@code state} values. */
    public static String randomToken(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public String toString() {
        return "Pkce[" + METHOD + "]";
    }
}
