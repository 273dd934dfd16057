package io.agenthost.mcp;

/** The revisions of MCP the host speaks to servers, in the order it tries them. */
public enum ProtocolRevision {

    /** Stateless: every request stands alone, carrying the revision, the method and the client's capabilities. */
    STATELESS("2026-07-28"),

    /** Sessions: {@code initialize} first, then requests within the session it opens. */
    SESSIONS("2025-11-25");

    private final String version;

    ProtocolRevision(String version) {
        this.version = version;
    }

    /** The protocol version string of the revision. */
    public String version() {
        return version;
    }
}
