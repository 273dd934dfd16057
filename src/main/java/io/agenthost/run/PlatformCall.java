package io.agenthost.run;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the hosted-agent platform says of the request being served, from its headers (container protocol 2.0.0): the
 * end user ({@code x-agent-user-id}), the call ({@code x-agent-foundry-call-id}) and the id the response is to have
 * ({@code x-agent-response-id}). Set only where the platform is trusted to say it ({@code CALLER_AUTH=foundry});
 * empty everywhere else, so that no client can claim another user or call.
 */
@RequestScoped
public class PlatformCall {

    private String userId;
    private String callId;
    private String responseId;

    public void accept(String userId, String callId, String responseId) {
        this.userId = userId;
        this.callId = callId;
        this.responseId = responseId;
    }

    /** The end user, the principal of the request's runs; null when the platform did not say. */
    public String userId() {
        return userId;
    }

    /** The call id to copy onto every request to the Foundry toolbox proxy; null when there is none. */
    public String callId() {
        return callId;
    }

    /** The id the response created by this request is to have; null for a new one. */
    public String responseId() {
        return responseId;
    }
}
