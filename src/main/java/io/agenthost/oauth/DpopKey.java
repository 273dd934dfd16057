package io.agenthost.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.agenthost.run.ProofKey;
import java.net.URI;
import java.text.ParseException;

/**
 * The key pair a DPoP-bound token (RFC 9449) is bound to: one per grant, made when the token is first asked for,
 * kept sealed with the grant, and used for the proof of every request that carries the token, token requests
 * included. ES256, which every authorization server that supports DPoP must accept.
 */
public final class DpopKey implements ProofKey {

    /** The algorithm the host signs proofs with; an authorization server must list it for the host to use DPoP. */
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final ECKey key;
    private final DefaultDPoPProofFactory proofs;

    private DpopKey(ECKey key) {
        this.key = key;
        try {
            this.proofs = new DefaultDPoPProofFactory(key, ALGORITHM);
        } catch (JOSEException e) {
            throw new IllegalStateException("a P-256 key cannot sign ES256 proofs", e);
        }
    }

    static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("no P-256 key pair could be made", e);
        }
    }

    /** The key as a private JWK: a secret, for sealed storage only. */
    String toJson() {
        return key.toJSONString();
    }

    /** Throws {@link IllegalArgumentException} for anything but a private P-256 key, as for any unreadable record. */
    static DpopKey fromJson(String json) {
        ECKey key;
        try {
            key = ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the proof key kept with a grant is no JWK of an EC key", e);
        }
        if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
            throw new IllegalArgumentException("the proof key kept with a grant is no private P-256 key");
        }
        return new DpopKey(key);
    }

    /** The proof of a token request (RFC 9449 §5): no access token yet to bind it to. */
    SignedJWT tokenRequestProof(URI tokenEndpoint, String nonce) {
        return sign("POST", tokenEndpoint, null, nonce);
    }

    @Override
    public String proof(String httpMethod, URI uri, String accessToken, String nonce) {
        return sign(httpMethod, uri, accessToken, nonce).serialize();
    }

    private SignedJWT sign(String httpMethod, URI uri, String accessToken, String nonce) {
        try {
            return proofs.createDPoPJWT(httpMethod, target(uri),
                    accessToken == null ? null : new DPoPAccessToken(accessToken),
                    nonce == null ? null : new Nonce(nonce));
        } catch (JOSEException e) {
            throw new IllegalStateException("the proof key could not sign", e);
        }
    }

    /** {@code htu} is the URI without its query and fragment (RFC 9449 §4.2). */
    private static URI target(URI uri) {
        String text = uri.toString();
        int end = text.length();
        for (char c : new char[] {'?', '#'}) {
            int at = text.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return URI.create(text.substring(0, end));
    }

    @Override
    public String toString() {
        return "DpopKey[" + ALGORITHM + "]";
    }
}
