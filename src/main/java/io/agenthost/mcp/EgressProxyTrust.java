package io.agenthost.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * On the hosted-agent platform, traffic to {@code *.services.ai.azure.com} passes a TLS-terminating egress proxy whose
 * CA the platform mounts as a file. That CA is trusted for those hosts only: a certificate it signed for any other host
 * is refused as by the JDK's own trust. Without the file nothing changes.
 */
public final class EgressProxyTrust {

    private static final Logger LOG = Logger.getLogger(EgressProxyTrust.class.getName());

    /** Where the platform mounts the proxy's CA. */
    public static final String DEFAULT_CA = "/etc/ssl/certs/adc-egress-proxy-ca.crt";
    static final String SCOPE = ".services.ai.azure.com";

    private EgressProxyTrust() {
    }

    /** The trust of the host's HTTP clients, when the CA file exists: the JDK's, and the proxy's CA in scope. */
    static Optional<X509ExtendedTrustManager> trustFromFile(Path caFile) {
        if (!Files.isRegularFile(caFile)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore proxyCa = KeyStore.getInstance(KeyStore.getDefaultType());
            proxyCa.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                proxyCa.setCertificateEntry("egress-proxy-" + n++, certificate);
            }
            LOG.info(() -> "Trusting the egress proxy CA of " + caFile + " for *" + SCOPE + " only");
            return Optional.of(new Scoped(trust(null), trust(proxyCa)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The egress proxy CA " + caFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    static boolean inScope(String host) {
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(SCOPE);
    }

    /** A TLS context that trusts as the trust manager does. */
    static SSLContext context(X509ExtendedTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The JDK's own trust (its {@code cacerts}, or {@code javax.net.ssl.trustStore}). */
    static X509ExtendedTrustManager jdkTrust() {
        try {
            return trust(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK's trust store cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trust(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The JDK's trust, and the proxy's CA besides it for hosts in scope; hostnames are checked by both as ever. */
    static final class Scoped extends ForwardingTrust {

        private final X509ExtendedTrustManager jdk;
        private final X509ExtendedTrustManager proxy;

        Scoped(X509ExtendedTrustManager jdk, X509ExtendedTrustManager proxy) {
            this.jdk = jdk;
            this.proxy = proxy;
        }

        /** The JDK's trust, for clients, and for servers whose name the check is not given: no scope to tell. */
        @Override
        X509ExtendedTrustManager forwardedTo() {
            return jdk;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException refused) {
                if (engine == null || !inScope(engine.getPeerHost())) {
                    throw refused;
                }
                proxy.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException refused) {
                String host = socket instanceof SSLSocket tls && tls.getHandshakeSession() != null
                        ? tls.getHandshakeSession().getPeerHost() : null;
                if (!inScope(host)) {
                    throw refused;
                }
                proxy.checkServerTrusted(chain, authType, socket);
            }
        }

    }
}
