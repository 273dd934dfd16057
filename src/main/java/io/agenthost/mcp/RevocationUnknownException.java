package io.agenthost.mcp;

import java.security.cert.CertificateException;

/** The revocation status of a server's certificate cannot be learnt, and {@code agent.mcp.revocation=require}. */
final class RevocationUnknownException extends CertificateException {

    RevocationUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
