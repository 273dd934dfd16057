package io.agenthost.mcp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager made at the first certificate it checks. Every HTTP client of the host gets a TLS context when it
 * is built, but the JDK's trust store is some 140 parsed certificates (0.8 MB that stay in the heap): a server whose
 * MCP servers all speak plain HTTP, or that has none yet, need not read it.
 */
final class DeferredTrust extends X509ExtendedTrustManager {

    private final Supplier<X509ExtendedTrustManager> make;
    private volatile X509ExtendedTrustManager trust;

    DeferredTrust(Supplier<X509ExtendedTrustManager> make) {
        this.make = make;
    }

    private X509ExtendedTrustManager trust() {
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

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust().getAcceptedIssuers();
    }
}
