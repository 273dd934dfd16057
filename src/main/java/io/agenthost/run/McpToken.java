package io.agenthost.run;

import java.time.Instant;

/**
 * A bearer token and when it stops being valid ({@link Instant#MAX} when unknown).
 */
public record McpToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "McpToken[expires " + expiresAt + "]";
    }
}
