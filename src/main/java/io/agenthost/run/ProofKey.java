package io.agenthost.run;

import java.net.URI;

/**
 * The key an access token is bound to (DPoP, RFC 9449): whoever presents the token must prove, request by request,
 * that they hold it.
 */
public interface ProofKey {

    /**
     * A fresh proof for one request: a {@code dpop+jwt} signed with the key, for this method and URI (without its
     * query and fragment), bound to the token it accompanies.
     *
     * @param nonce the latest nonce the server asked proofs to carry, or null
     */
    String proof(String httpMethod, URI uri, String accessToken, String nonce);
}
