package io.agenthost.hosting;

import io.agenthost.mcp.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call a server without caller authentication that is reached on a loopback address: only requests whose
 * {@code Host} names a loopback host (or one of {@code agent.http.allowed-hosts}), and whose {@code Origin}, when
 * present, does too. Otherwise a web page the user visits could rebind its own name to 127.0.0.1 (DNS rebinding) and
 * drive every agent, with the host's toolbox credentials, through the user's browser. Names are never resolved: DNS is
 * what the attack controls.
 */
record LoopbackCallers(Set<String> allowedHosts) {

    LoopbackCallers {
        allowedHosts = Set.copyOf(allowedHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).toList());
    }

    /** Why the request is refused, or null when it may go on. */
    String refusal(String host, String origin) {
        String hostName = hostOfHostHeader(host);
        if (hostName == null || !trusted(hostName)) {
            return "The Host header must name this server by a loopback name or address (localhost, 127.0.0.1, [::1])"
                    + " or one of agent.http.allowed-hosts.";
        }
        if (origin != null && !origin.equals("null")) {
            String originHost = hostOfOrigin(origin);
            if (originHost == null || !trusted(originHost)) {
                return "Requests from web pages of other origins are refused: the Origin must be a loopback origin or"
                        + " one of agent.http.allowed-hosts.";
            }
        }
        return null;
    }

    private boolean trusted(String host) {
        return loopback(host) || allowedHosts.contains(host);
    }

    /** A loopback address or {@code localhost}, or a name under {@code .localhost} (RFC 6761), never resolved. */
    static boolean loopback(String host) {
        return host != null && (host.endsWith(".localhost") || LoopbackHosts.names(host));
    }

    /** {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}, lower-cased without the port. */
    static String hostOfHostHeader(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
            return null;
        }
        return colon < 0 ? value : value.substring(0, colon);
    }

    static String hostOfOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            return uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
