package io.agenthost.run;

import java.time.Instant;

/**
 * An access token and when it stops being valid ({@link Instant#MAX} when unknown).
 *
 * @param proofKey the key the token is bound to (RFC 9449), which each request must prove it holds; null for a bearer
 *                 token
 */
public record McpToken(String value, Instant expiresAt, ProofKey proofKey) {

    public McpToken(String value, Instant expiresAt) {
        this(value, expiresAt, null);
    }

    /** The {@code Authorization} scheme the token goes with. */
    public String scheme() {
        return proofKey == null ? "Bearer" : "DPoP";
    }

    @Override
    public String toString() {
        return "McpToken[" + scheme() + ", expires " + expiresAt + "]";
    }
}
