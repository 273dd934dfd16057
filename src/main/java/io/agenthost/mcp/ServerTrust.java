package io.agenthost.mcp;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS contexts of the host's outgoing HTTP clients: one for requests without a credential, one for requests that
 * carry one, whose server certificate's revocation is checked as {@code agent.mcp.revocation} says.
 *
 * @param plain      for requests without a credential (checked too under {@link RevocationPolicy#REQUIRE})
 * @param credential for requests that carry one; the same context when both are checked alike
 */
public record ServerTrust(SSLContext plain, SSLContext credential) {

    /** @param egressCa where the platform mounts its egress proxy's CA, trusted in scope when the file exists */
    public static ServerTrust of(Path egressCa, RevocationPolicy policy) {
        return of(EgressProxyTrust.trustFromFile(egressCa)
                .orElseGet(() -> new DeferredTrust(EgressProxyTrust::jdkTrust)), policy);
    }

    /** @param base the trust whose checks come first */
    static ServerTrust of(X509ExtendedTrustManager base, RevocationPolicy policy) {
        SSLContext unchecked = EgressProxyTrust.context(base);
        return switch (policy) {
            case OFF -> new ServerTrust(unchecked, unchecked);
            case PREFER -> new ServerTrust(unchecked, EgressProxyTrust.context(new RevocationTrust(base, policy)));
            case REQUIRE -> {
                SSLContext checked = EgressProxyTrust.context(new RevocationTrust(base, policy));
                yield new ServerTrust(checked, checked);
            }
        };
    }

    /** Whether requests with and without a credential are treated alike, so that one HTTP client serves both. */
    public boolean uniform() {
        return plain == credential;
    }
}
