package io.agenthost.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether the server may connect to an MCP server URL that a request brought: such a URL is a way into
 * the server's own network. Only {@code https}, or {@code http} to loopback; never link-local addresses (cloud
 * metadata services live there), whatever the settings; loopback and private ranges only when
 * {@code agent.mcp.allow-private-urls=true}.
 */
@ApplicationScoped
public class ServerUrlPolicy {

    private final boolean allowPrivate;

    @Inject
    public ServerUrlPolicy(@ConfigProperty(name = "agent.mcp.allow-private-urls", defaultValue = "false")
            boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** For CDI proxies only. */
    protected ServerUrlPolicy() {
        this(false);
    }

    /** Why the URL is refused, or empty when the server may connect to it. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must use https (or http to a loopback address)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("must name a host, without user information");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that cannot be resolved");
        }
        boolean allLoopback = true;
        boolean anyInternal = false;
        for (InetAddress address : addresses) {
            if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                return Optional.of("points at a link-local, unspecified or multicast address, which is never allowed");
            }
            allLoopback &= address.isLoopbackAddress();
            anyInternal |= address.isLoopbackAddress() || isPrivate(address);
        }
        if (scheme.equals("http") && !allLoopback) {
            return Optional.of("must use https unless it points at a loopback address");
        }
        if (anyInternal && !allowPrivate) {
            return Optional.of("points at a loopback or private address; set agent.mcp.allow-private-urls=true"
                    + " to allow local MCP servers");
        }
        return Optional.empty();
    }

    /** RFC 1918, RFC 6598 shared space and RFC 4193 unique local addresses. */
    static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168
                    || first == 100 && second >= 64 && second <= 127;
        }
        return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
    }
}
