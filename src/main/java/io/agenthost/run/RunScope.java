package io.agenthost.run;

import java.util.Map;

/**
 * Who an agent run acts for and with which credentials: the run's id, its agent, the caller's principal name (null
 * when anonymous), the tokens the request itself brought for its MCP servers, by server label, and the hosting
 * platform's call id ({@link PlatformCall#callId()}, null off the platform).
 *
 * @param callerToken the token the caller authenticated with ({@link CallerIdentity#token()}), which the host may
 *                    exchange for tokens that act for the caller (enterprise-managed authorization); held in memory
 *                    for the run only, never stored: null without one, and in a run resumed from storage
 */
public record RunScope(String runId, String agent, String principal, Map<String, String> requestTokens,
        String callId, String callerToken) {

    public RunScope {
        requestTokens = Map.copyOf(requestTokens);
    }

    public RunScope(String runId, String agent, String principal, Map<String, String> requestTokens, String callId) {
        this(runId, agent, principal, requestTokens, callId, null);
    }

    public RunScope(String runId, String agent, String principal, Map<String, String> requestTokens) {
        this(runId, agent, principal, requestTokens, null);
    }

    /** Names who the run acts for in logs: never a token. */
    public String caller() {
        return principal == null ? "anonymous" : principal;
    }

    /** Without the tokens, so that they cannot reach a log by accident. */
    @Override
    public String toString() {
        return "RunScope[" + runId + ", agent " + agent + ", user " + caller() + ", tokens for "
                + requestTokens.keySet() + "]";
    }
}
