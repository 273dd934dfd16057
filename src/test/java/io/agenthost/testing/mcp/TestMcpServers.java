package io.agenthost.testing.mcp;

import io.agenthost.testing.telemetry.OtlpReceiver;
import io.agenthost.testing.tls.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a set of named test MCP servers on fixed ports for the Liberty that the build starts for the integration tests,
 * with a {@link ControlEndpoint} through which those tests drive them, and a {@link ManagedIdentityEndpoint} beside it
 * (its {@code X-IDENTITY-HEADER} from {@code mcp.test.identity.header}) whose tokens {@code foundryProxy} servers take.
 *
 * <pre>
 * java io.agenthost.testing.mcp.TestMcpServers control=19100 healthy=19101 flaky=19102:failFirst=2,429,1 \
 *     down=19103:failAlways=503 late=19104:closed slow=19105:delay=PT40S
 * </pre>
 *
 * <p>Without arguments the declarations come from the system properties {@code mcp.test.servers} (separated by
 * blanks) and {@code mcp.test.control.port}. The control endpoint opens last, so once it answers every server that is
 * not {@code closed} listens; one line on standard output says so. With {@code -Dmcp.test.otlp.port} an OTLP/HTTP
 * receiver listens there too. The process ends on SIGTERM, and when its standard
 * input closes, so that servers started by a build that was killed do not outlive it; {@code --ignore-stdin} turns the
 * latter off for runs by hand in the background.
 */
public final class TestMcpServers {

    private TestMcpServers() {
    }

    /**
     * Where the CA of the servers that serve HTTPS is written, as the PKCS #12 trust store {@code truststore.p12}
     * (password {@code changeit}), for the clients of those servers to trust.
     */
    static final String PKI_DIR = "mcp.test.pki.dir";

    /** The port of the OTLP/HTTP receiver ({@link OtlpReceiver}) to start beside the servers, if any. */
    static final String OTLP_PORT = "mcp.test.otlp.port";

    private static void writeTrustStore(TestPki pki) throws IOException, GeneralSecurityException {
        String dir = System.getProperty(PKI_DIR);
        if (dir == null) {
            throw new IllegalArgumentException("servers with tls= need -D" + PKI_DIR + "=<directory>");
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("agent-host-test-ca", pki.ca());
        Files.createDirectories(Path.of(dir));
        try (OutputStream out = Files.newOutputStream(Path.of(dir, "truststore.p12"))) {
            trust.store(out, TestPki.password());
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> declarations = new ArrayList<>();
        Integer controlPort = Integer.getInteger("mcp.test.control.port");
        boolean watchStdin = true;
        for (String arg : arguments(args)) {
            if (arg.equals("--ignore-stdin")) {
                watchStdin = false;
            } else if (arg.startsWith("control=")) {
                controlPort = Integer.valueOf(arg.substring("control=".length()));
            } else {
                declarations.add(arg);
            }
        }
        if (controlPort == null) {
            System.err.println("TestMcpServers: no control port (control=<port> or -Dmcp.test.control.port)");
            System.exit(2);
        }

        Map<String, TestMcpServer> servers = new LinkedHashMap<>();
        ManagedIdentityEndpoint identity = new ManagedIdentityEndpoint(
                System.getProperty("mcp.test.identity.header", "test-identity-header"));
        ControlEndpoint control;
        OtlpReceiver otlp = null;
        try {
            Integer otlpPort = Integer.getInteger(OTLP_PORT);
            if (otlpPort != null) {
                otlp = OtlpReceiver.start(TestMcpServer.HOST, otlpPort);
            }
            TestPki pki = null;
            List<KeyStore> revoked = new ArrayList<>();
            String crlUrl = "http://" + TestMcpServer.HOST + ":" + controlPort + ControlEndpoint.CRL_PATH;
            for (String declaration : declarations) {
                ServerSpec spec = ServerSpec.parse(declaration);
                if (servers.containsKey(spec.name())) {
                    throw new IllegalArgumentException("server " + spec.name() + " is declared twice");
                }
                KeyStore keys = null;
                if (spec.tls() != null) {
                    pki = pki == null ? TestPki.create() : pki;
                    keys = pki.serverKeyStore(crlUrl);
                    if (spec.revoked()) {
                        revoked.add(keys);
                    }
                }
                TestMcpServer server = spec.build(identity, keys);
                servers.put(spec.name(), server);
                if (!spec.closed()) {
                    server.start();
                }
            }
            byte[] crl = null;
            if (pki != null) {
                writeTrustStore(pki);
                crl = pki.crl(revoked).getEncoded();
            }
            control = ControlEndpoint.start(TestMcpServer.HOST, controlPort, servers, identity, crl);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.err.println("TestMcpServers: could not start: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            servers.values().forEach(TestMcpServer::stop);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        OtlpReceiver receiver = otlp;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            if (receiver != null) {
                receiver.close();
            }
            servers.values().forEach(TestMcpServers::stopQuietly);
            stopped.countDown();
        }, "mcp-test-servers-stop"));

        System.out.println(readyLine(control, servers));
        System.out.flush();
        if (watchStdin) {
            drain(System.in);
            System.exit(0);
        }
        stopped.await();
    }

    private static List<String> arguments(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.contains("=") && !a.startsWith("control="))) {
            String declared = System.getProperty("mcp.test.servers", "").trim();
            if (!declared.isEmpty()) {
                all.addAll(List.of(declared.split("\\s+")));
            }
        }
        return all;
    }

    private static String readyLine(ControlEndpoint control, Map<String, TestMcpServer> servers) {
        StringBuilder line = new StringBuilder("TestMcpServers ready after ")
                .append(ManagementFactory.getRuntimeMXBean().getUptime()).append(" ms: control=http://")
                .append(TestMcpServer.HOST).append(':').append(control.port()).append(ControlEndpoint.PATH);
        servers.forEach((name, server) -> line.append(' ').append(name).append('=').append(server.url())
                .append(server.isRunning() ? "" : " (closed)"));
        return line.toString();
    }

    /** Returns when the stream ends: the parent process closed it, or died. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone, as an end would
        }
    }

    private static void stopQuietly(TestMcpServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            System.err.println("TestMcpServers: " + server.name() + " did not stop cleanly: " + e);
        }
    }
}
