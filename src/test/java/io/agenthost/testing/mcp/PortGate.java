package io.agenthost.testing.mcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build steps around the test servers, run inside Maven (exec:java) so they fail the build with a message instead of
 * leaving the integration tests to time out:
 * <ul>
 * <li>{@code free host:port...}: before the servers are launched, no port may be taken yet; a server left over from an
 * earlier build would otherwise answer in place of the new one;</li>
 * <li>{@code listening seconds host:port...}: after they are launched, wait until each port accepts connections;</li>
 * <li>{@code file path hint}: a file the launch needs must exist (the hint says how to get it).</li>
 * </ul>
 * Several steps may follow one another in one argument list.
 */
public final class PortGate {

    private PortGate() {
    }

    public static void main(String[] args) throws Exception {
        int i = 0;
        while (i < args.length) {
            String step = args[i++];
            List<InetSocketAddress> addresses = new ArrayList<>();
            switch (step) {
                case "free":
                    i = addresses(args, i, addresses);
                    requireFree(addresses);
                    break;
                case "listening":
                    long seconds = Long.parseLong(args[i++]);
                    i = addresses(args, i, addresses);
                    awaitListening(addresses, seconds);
                    break;
                case "file":
                    requireFile(Path.of(args[i]), args[i + 1]);
                    i += 2;
                    break;
                default:
                    throw new IllegalArgumentException("unknown step " + step + " (free, listening, file)");
            }
        }
    }

    private static int addresses(String[] args, int from, List<InetSocketAddress> into) {
        int i = from;
        while (i < args.length && args[i].contains(":")) {
            String arg = args[i++];
            int colon = arg.lastIndexOf(':');
            into.add(new InetSocketAddress(arg.substring(0, colon), Integer.parseInt(arg.substring(colon + 1))));
        }
        return i;
    }

    private static void requireFree(List<InetSocketAddress> addresses) {
        List<String> taken = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            if (accepts(address)) {
                taken.add(address.getHostString() + ":" + address.getPort());
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports for the test MCP servers are already taken: " + taken
                    + ". A TestMcpServers or server-everything process from an earlier build may still run"
                    + " (find it with: ss -ltnp), or choose other ports with the mcp.test.*.port properties.");
        }
    }

    private static void awaitListening(List<InetSocketAddress> addresses, long seconds) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (InetSocketAddress address : addresses) {
            while (!accepts(address)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens on " + address.getHostString() + ":"
                            + address.getPort() + " after " + seconds + " s; see the launched process's output above");
                }
                Thread.sleep(50);
            }
        }
        System.out.println("[PortGate] listening after " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                + addresses);
    }

    private static void requireFile(Path path, String hint) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: " + hint);
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
