package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class DeferredTrustTest {

    @Test
    void aTlsContextAndAnHttpClientAreMadeWithoutTheTrustStore() {
        AtomicInteger made = new AtomicInteger();
        DeferredTrust trust = new DeferredTrust(() -> {
            made.incrementAndGet();
            return new Recording();
        });

        SSLContext context = EgressProxyTrust.context(trust);
        HttpClient.newBuilder().sslContext(context).build();
        ServerTrust.of(trust, RevocationPolicy.PREFER);

        assertEquals(0, made.get());
    }

    @Test
    void theFirstCheckMakesTheTrustOnceAndEveryCheckGoesToIt() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Recording recording = new Recording();
        DeferredTrust trust = new DeferredTrust(() -> {
            made.incrementAndGet();
            return recording;
        });
        X509Certificate[] chain = new X509Certificate[0];

        trust.checkServerTrusted(chain, "RSA", (SSLEngine) null);
        trust.checkServerTrusted(chain, "EC", (Socket) null);
        trust.checkServerTrusted(chain, "RSA");
        recording.refuse = true;
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(chain, "RSA"));

        assertEquals(1, made.get());
        assertEquals(List.of("server RSA engine", "server EC socket", "server RSA", "server RSA"), recording.calls);
        assertSame(recording.issuers, trust.getAcceptedIssuers());
    }

    /** A trust manager that records what it was asked. */
    private static final class Recording extends X509ExtendedTrustManager {
        final List<String> calls = new ArrayList<>();
        final X509Certificate[] issuers = new X509Certificate[0];
        boolean refuse;

        private void check(String call) throws CertificateException {
            calls.add(call);
            if (refuse) {
                throw new CertificateException("refused");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check("server " + authType + " engine");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check("server " + authType + " socket");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check("server " + authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check("client " + authType + " engine");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check("client " + authType + " socket");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check("client " + authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuers;
        }
    }
}
