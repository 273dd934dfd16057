package io.agenthost.mcp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Another trust manager's checks, then the revocation status of the server's certificate chain with the JDK's
 * {@link PKIXRevocationChecker}: the OCSP answers the server stapled when it did, else OCSP or the certificate's CRL
 * distribution points. A revoked certificate fails the handshake, so nothing is sent to the server.
 */
final class RevocationTrust extends ForwardingTrust {

    private static final Logger LOG = Logger.getLogger(RevocationTrust.class.getName());

    private final X509ExtendedTrustManager trust;
    private final RevocationPolicy policy;
    private final Set<String> unknownLogged = ConcurrentHashMap.newKeySet();

    /** The JDK's switch for fetching CRLs from a certificate's distribution points, off unless set. */
    static final String CRL_DISTRIBUTION_POINTS = "com.sun.security.enableCRLDP";

    /** The JDK's switch for asking servers to staple OCSP answers to the handshake, off unless set. */
    static final String STAPLING = "jdk.tls.client.enableStatusRequestExtension";

    RevocationTrust(X509ExtendedTrustManager trust, RevocationPolicy policy) {
        this.trust = trust;
        this.policy = policy;
        // Without it the JDK consults OCSP only, and a certificate that names a CRL alone is never checked; it is
        // read at each validation. Set explicitly (to false, say), it is left as it is.
        if (System.getProperty(CRL_DISTRIBUTION_POINTS) == null) {
            System.setProperty(CRL_DISTRIBUTION_POINTS, "true");
        }
        // Read once, when the JDK's TLS first starts: set before the host's first connection, it asks for stapling.
        if (System.getProperty(STAPLING) == null) {
            System.setProperty(STAPLING, "true");
        }
    }

    @Override
    X509ExtendedTrustManager forwardedTo() {
        return trust;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, engine);
        checkRevocation(chain, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, socket);
        checkRevocation(chain, socket instanceof SSLSocket tls ? tls.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkServerTrusted(chain, authType);
        checkRevocation(chain, null);
    }

    private void checkRevocation(X509Certificate[] chain, SSLSession session) throws CertificateException {
        String host = session == null || session.getPeerHost() == null ? "unknown host" : session.getPeerHost();
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            checker.setOptions(policy == RevocationPolicy.PREFER
                    ? EnumSet.of(PKIXRevocationChecker.Option.SOFT_FAIL) : EnumSet.noneOf(PKIXRevocationChecker.Option.class));
            checker.setOcspResponses(stapled(chain, session));
            PKIXParameters parameters = new PKIXParameters(anchors());
            parameters.addCertPathChecker(checker);
            validator.validate(path(chain, parameters.getTrustAnchors()), parameters);
            if (!checker.getSoftFailExceptions().isEmpty()) {
                logUnknown(host, checker.getSoftFailExceptions().get(0).getMessage());
            }
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                throw new CertificateException("the certificate of " + host + " is revoked: " + e.getMessage(), e);
            }
            if (policy == RevocationPolicy.REQUIRE) {
                throw new RevocationUnknownException("the revocation status of the certificate of " + host
                        + " cannot be learnt: " + e.getMessage(), e);
            }
            logUnknown(host, e.getMessage());
        } catch (InvalidAlgorithmParameterException e) {
            if (policy == RevocationPolicy.REQUIRE) {
                throw new RevocationUnknownException("no trust anchors to check the revocation of the certificate of "
                        + host + " against", e);
            }
            logUnknown(host, e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the revocation status of the certificate of " + host
                    + " could not be checked: " + e.getMessage(), e);
        }
    }

    private void logUnknown(String host, String why) {
        if (unknownLogged.add(host)) {
            LOG.warning(() -> "The revocation status of the certificate of " + host + " cannot be learnt (" + why
                    + "); going on, as agent.mcp.revocation=prefer allows. Logged once for this host.");
        }
    }

    private Set<TrustAnchor> anchors() {
        return Arrays.stream(trust.getAcceptedIssuers()).map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toSet());
    }

    /** The chain without the anchor itself, which a server may send along. */
    private static CertPath path(X509Certificate[] chain, Set<TrustAnchor> anchors) throws CertificateException {
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        if (path.size() > 1 && anchors.stream().anyMatch(a -> path.get(path.size() - 1).equals(a.getTrustedCert()))) {
            path.remove(path.size() - 1);
        }
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    /** The OCSP answers the server stapled to the handshake, by certificate. */
    private static Map<X509Certificate, byte[]> stapled(X509Certificate[] chain, SSLSession session) {
        Map<X509Certificate, byte[]> responses = new HashMap<>();
        if (session instanceof ExtendedSSLSession extended) {
            List<byte[]> stapled = extended.getStatusResponses();
            for (int i = 0; i < Math.min(chain.length, stapled.size()); i++) {
                if (stapled.get(i).length > 0) {
                    responses.put(chain[i], stapled.get(i));
                }
            }
        }
        return responses;
    }
}
