package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on loopback with a CA made by the JDK's keytool for the test, standing for the platform's egress
 * proxy: its certificate names both an Azure AI host and another one, so that only the scope decides.
 */
class EgressProxyTrustTest {

    private static final String PASSWORD = "changeit";
    private static final String AZURE_HOST = "proj.services.ai.azure.com";
    private static final String OTHER_HOST = "mcp.example.com";

    @TempDir
    Path dir;

    private SSLServerSocket server;
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }

    @BeforeEach
    void proxyWithCertificateOfItsOwnCa() throws Exception {
        String store = "-storepass";
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test Egress CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", store, PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", "ca.p12", store, PASSWORD, "-file", "ca.crt");
        keytool("-genkeypair", "-alias", "proxy", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + AZURE_HOST,
                "-validity", "2", "-keystore", "proxy.p12", "-storetype", "PKCS12", store, PASSWORD);
        keytool("-certreq", "-alias", "proxy", "-keystore", "proxy.p12", store, PASSWORD, "-file", "proxy.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", store, PASSWORD, "-infile", "proxy.csr",
                "-outfile", "proxy.crt", "-rfc", "-validity", "2", "-ext", "san=dns:" + AZURE_HOST + ",dns:" + OTHER_HOST);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "proxy.p12", store, PASSWORD);
        keytool("-importcert", "-alias", "proxy", "-file", "proxy.crt", "-keystore", "proxy.p12", store, PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("proxy.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor.execute(() -> {
            while (!server.isClosed()) {
                try (Socket accepted = server.accept(); OutputStream out = accepted.getOutputStream()) {
                    ((SSLSocket) accepted).startHandshake();
                    out.write('k');
                } catch (IOException closedOrRefused) {
                    // the next connection, or the end of the test
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        acceptor.shutdownNow();
    }

    /** A handshake with the proxy on loopback, by the name the client believes it is talking to. */
    private void handshake(SSLContext client, String host) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, server.getLocalPort(),
                true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals('k', socket.getInputStream().read());
        }
    }

    @Test
    void theProxysCaIsTrustedForAzureAiHostsOnly() throws Exception {
        SSLContext trusting = EgressProxyTrust.context(EgressProxyTrust.trustFromFile(dir.resolve("ca.crt")).orElseThrow());

        handshake(trusting, AZURE_HOST);
        assertThrows(SSLHandshakeException.class, () -> handshake(trusting, OTHER_HOST));
    }

    @Test
    void withoutTheFileTheJdksTrustIsUnchanged() throws Exception {
        assertTrue(EgressProxyTrust.trustFromFile(dir.resolve("absent.crt")).isEmpty());
        assertThrows(SSLHandshakeException.class, () -> handshake(SSLContext.getDefault(), AZURE_HOST));
    }
}
