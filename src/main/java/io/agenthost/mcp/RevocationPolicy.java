package io.agenthost.mcp;

import java.util.Locale;

/**
 * Whether the host checks that the certificate of a server it sends a credential to has not been revoked
 * ({@code agent.mcp.revocation}).
 */
public enum RevocationPolicy {

    /** Checked; when the status cannot be learnt (no CRL or OCSP answer), the connection goes on, logged once a host. */
    PREFER,
    /** Checked; a status that cannot be learnt refuses the connection, and connections without a credential are checked too. */
    REQUIRE,
    /** Not checked. */
    OFF;

    public static RevocationPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent.mcp.revocation must be prefer, require or off, not '" + value
                    + "'", e);
        }
    }
}
