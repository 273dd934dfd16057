package io.agenthost.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The canonical URI of an MCP server (MCP authorization, RFC 8707 §2): lower-case scheme and host, no default port, no
 * fragment. It is the {@code resource} the host asks tokens for and, with the user, the key of the tokens it keeps.
 */
final class Resources {

    private Resources() {
    }

    static URI canonical(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == defaultPort(scheme) ? -1 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        try {
            return new URI(scheme + "://" + (host != null && host.contains(":") && !host.startsWith("[")
                    ? "[" + host + "]" : host) + (port == -1 ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a server URL: " + uri.getScheme() + "://" + uri.getHost(), e);
        }
    }

    /**
     * Whose token for which server. A principal named "anonymous" must not share the tokens of callers who are not
     * authenticated at all, hence the prefix.
     */
    static String grantKey(String principal, URI server) {
        return (principal == null ? "anonymous" : "principal:" + principal) + "\n" + canonical(server);
    }

    /** Whether {@code resource}, as protected resource metadata states it, covers the server at {@code server}. */
    static boolean covers(URI resource, URI server) {
        URI r = canonical(resource);
        URI s = canonical(server);
        if (!r.getScheme().equals(s.getScheme()) || !r.getHost().equals(s.getHost()) || r.getPort() != s.getPort()) {
            return false;
        }
        String base = r.getRawPath() == null ? "" : r.getRawPath();
        String path = s.getRawPath() == null ? "" : s.getRawPath();
        if (base.isEmpty() || base.equals("/") || r.equals(s)) {
            return true;
        }
        String prefix = base.endsWith("/") ? base : base + "/";
        return path.equals(base) || path.startsWith(prefix);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -2;
    }
}
