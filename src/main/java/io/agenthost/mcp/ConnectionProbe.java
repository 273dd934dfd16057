package io.agenthost.mcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether an MCP server's address still refuses connections, learnt from a TCP connect alone. A server that refused
 * the last open is asked this before it is opened again, so that while it is down a retry costs a request one
 * refused connect, not an HTTP client with its selector thread, an MCP client and a failed exchange.
 */
public final class ConnectionProbe {

    private ConnectionProbe() {
    }

    /**
     * @return true only when the connection was refused; any other outcome (accepted, timed out, a name that does
     *         not resolve) is left to a full open to find out and explain
     */
    public static boolean refused(URI server, Duration connectTimeout) {
        int port = server.getPort() != -1 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port),
                    (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
