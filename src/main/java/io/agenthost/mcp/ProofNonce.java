package io.agenthost.mcp;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * The latest nonce an MCP server asked proofs of possession to carry (RFC 9449 §9), shared by the requests of one
 * connection: taken from the server's refusal of a proof without it, or from any answer to a proof that brings a new
 * one (§8.2), and put into every proof after.
 */
final class ProofNonce {

    static final String HEADER = "DPoP-Nonce";

    private volatile String value;

    /** Null while the server gave none. */
    String current() {
        return value;
    }

    /**
     * Keeps the nonce an answer to a request with a proof brings. A refusal (401) is left to {@link #offered}, which
     * tells a new nonce, worth another try, from the one the refused proof carried.
     */
    void answered(int status, HttpHeaders sent, HttpHeaders answer) {
        if (status != 401 && sent.firstValue(RequestHeaders.DPOP).isPresent()) {
            answer.firstValue(HEADER).map(String::strip).filter(HeaderValues::isFieldValue)
                    .filter(nonce -> !nonce.isEmpty()).ifPresent(nonce -> value = nonce);
        }
    }

    /**
     * Keeps the nonce of an answer that refused the request's proof for want of it ({@code use_dpop_nonce}).
     * True when there is a new one to try the request with.
     */
    boolean offered(HttpHeaders sent, HttpHeaders answer, List<String> challenges) {
        Optional<String> nonce = answer.firstValue(HEADER).map(String::strip).filter(HeaderValues::isFieldValue);
        if (sent.firstValue(RequestHeaders.DPOP).isEmpty() || nonce.isEmpty() || nonce.get().isEmpty()
                || nonce.get().equals(value) || challenges.stream().noneMatch(c -> c.contains("use_dpop_nonce"))) {
            return false;
        }
        value = nonce.get();
        return true;
    }
}
