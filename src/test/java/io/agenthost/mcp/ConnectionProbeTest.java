package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aPortNothingListensOnRefuses() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertTrue(ConnectionProbe.refused(URI.create("http://127.0.0.1:" + port + "/mcp"), TIMEOUT));
    }

    @Test
    void aListeningPortDoesNot() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(ConnectionProbe.refused(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp"),
                    TIMEOUT));
        }
    }
}
