package io.agenthost.toolbox;

/** How a toolbox, or the set of them, stands; see the readiness mapping in {@link ToolboxReadinessCheck}. */
public enum ToolboxStatus {
    /** Still opening. */
    Pending,
    /** Open. */
    Healthy,
    /** Neither a toolbox URL nor a proxy endpoint is configured: no tools, nothing wrong. */
    NoEndpoint,
    /** An open failed; retried at the start of each request. */
    Degraded,
    /** The toolbox needs a user's consent; surfaced to the first request that needs it. */
    ConsentRequired,
    /** A configuration error that no retry can fix. */
    Unhealthy
}
