package io.agenthost.mcp;

import java.util.function.Supplier;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager made at the first certificate it checks. Every HTTP client of the host gets a TLS context when it
 * is built, but the JDK's trust store is some 140 parsed certificates (0.8 MB that stay in the heap): a server whose
 * MCP servers all speak plain HTTP, or that has none yet, need not read it.
 */
final class DeferredTrust extends ForwardingTrust {

    private final Supplier<X509ExtendedTrustManager> make;
    private volatile X509ExtendedTrustManager trust;

    DeferredTrust(Supplier<X509ExtendedTrustManager> make) {
        this.make = make;
    }

    @Override
    X509ExtendedTrustManager forwardedTo() {
        X509ExtendedTrustManager made = trust;
        if (made == null) {
            synchronized (this) {
                made = trust;
                if (made == null) {
                    made = make.get();
                    trust = made;
                }
            }
        }
        return made;
    }
}
