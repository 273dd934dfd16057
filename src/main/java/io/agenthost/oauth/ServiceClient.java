package io.agenthost.oauth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A client of the host's own at an authorization server, registered there by hand, with which the host gets tokens
 * without asking a user: with its own credentials (OAuth client credentials, MCP's client credentials extension),
 * with the token of the workload it runs as (a JWT bearer grant, RFC 7523: MCP's workload identity federation
 * extension), or for the caller, with the assertion the caller's identity provider grants for the token the caller
 * signed in with (MCP's enterprise-managed authorization: a token exchange, RFC 8693, then a JWT bearer grant).
 *
 * @param secret        for {@code client_secret_basic} and {@code client_secret_post}; null with a key
 * @param key           for {@code private_key_jwt}: signs the client's assertion (ES256 or RS256); null with a secret
 * @param assertionFile where the workload's JWT is, read at each use (the platform renews it, as Kubernetes does a
 *                      projected service account token): the grant is then a JWT bearer grant; null for client
 *                      credentials
 * @param identityProvider where the caller's token is exchanged for the grant: enterprise-managed authorization;
 *                         null otherwise
 */
public record ServiceClient(String id, String secret, String authMethod, PrivateKey key, Path assertionFile,
        IdentityProvider identityProvider) {

    public ServiceClient(String id, String secret, String authMethod, PrivateKey key, Path assertionFile) {
        this(id, secret, authMethod, key, assertionFile, null);
    }

    /** A private key in PEM, PKCS #8 ({@code -----BEGIN PRIVATE KEY-----}), EC or RSA. */
    public static PrivateKey pkcs8(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key is not PEM of PKCS #8", e);
        }
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next
            }
        }
        throw new IllegalArgumentException("the private key is neither an EC nor an RSA key");
    }

    @Override
    public String toString() {
        return "ServiceClient[" + id + ", " + authMethod + "]";
    }
}
