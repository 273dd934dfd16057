package io.agenthost.mcp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which revision each MCP server last answered in, so that a server of the older revision costs the refused
 * stateless request once, not at every connection. Forgotten with the application: a server may be upgraded.
 */
public final class ProtocolRevisions {

    /** More servers than any host talks to; past it, every answer is forgotten and asked again. */
    private static final int MAX_SERVERS = 10_000;

    private final Map<String, ProtocolRevision> answered = new ConcurrentHashMap<>();

    /** The revisions to try with this server, the one it last answered in first. */
    List<ProtocolRevision> order(URI server) {
        return answered.get(key(server)) == ProtocolRevision.SESSIONS
                ? List.of(ProtocolRevision.SESSIONS, ProtocolRevision.STATELESS)
                : List.of(ProtocolRevision.STATELESS, ProtocolRevision.SESSIONS);
    }

    void answered(URI server, ProtocolRevision revision) {
        if (answered.size() >= MAX_SERVERS) {
            answered.clear();
        }
        answered.put(key(server), revision);
    }

    /** What the host remembers of this server, or null. */
    public ProtocolRevision of(URI server) {
        return answered.get(key(server));
    }

    private static String key(URI server) {
        return server.toString();
    }
}
