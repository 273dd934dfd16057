package io.agenthost.oauth;

/**
 * An OAuth step failed. The message is safe to log and to show: it names servers and OAuth error codes, never a
 * token, code, verifier or secret.
 */
public class OAuthException extends RuntimeException {

    private final String code;

    /** @param code an OAuth error code ({@code invalid_grant}) or one of the host's own ({@code discovery_failed}) */
    public OAuthException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Whether the authorization server says the grant itself is gone (revoked, expired, or its client unknown), so
     * that only a new consent can help; otherwise the failure may pass.
     */
    public boolean grantIsDead() {
        return "invalid_grant".equals(code) || "invalid_client".equals(code) || "unauthorized_client".equals(code);
    }
}
