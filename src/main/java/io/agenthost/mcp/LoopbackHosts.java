package io.agenthost.mcp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which host names stand for this machine, decided without asking DNS, so that DNS cannot widen them. */
public final class LoopbackHosts {

    private LoopbackHosts() {
    }

    /** Whether the host is {@code localhost} or a literal loopback address ({@code 127.x.x.x}, {@code [::1]}). */
    public static boolean names(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            // A literal address: parsed, never looked up.
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
