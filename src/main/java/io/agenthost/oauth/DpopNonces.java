package io.agenthost.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last DPoP nonce each authorization server gave (RFC 9449 §8), for its next token request; the servers asked
 * least recently are forgotten past {@link #MOST}.
 */
final class DpopNonces {

    static final int MOST = 256;

    private final Map<URI, String> nonces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, String> eldest) {
            return size() > MOST;
        }
    };

    synchronized String get(URI tokenEndpoint) {
        return nonces.get(tokenEndpoint);
    }

    synchronized void put(URI tokenEndpoint, String nonce) {
        nonces.put(tokenEndpoint, nonce);
    }
}
