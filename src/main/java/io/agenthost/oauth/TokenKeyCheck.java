package io.agenthost.oauth;

import io.agenthost.store.OAuthRecord;
import io.agenthost.store.OAuthRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Which token key seals the OAuth state of a database. Servers that share a database must share the key: a server
 * with another key could open none of the grants and pending authorizations the others sealed, and the others none of
 * its own, so users would be asked to consent over and over depending on the server they reach. The first server to
 * start seals a known value; every later one must open it.
 */
final class TokenKeyCheck {

    static final String ID = "key:check";
    private static final String KIND = "key";
    private static final String MARK = "agent-host token key";

    private TokenKeyCheck() {
    }

    /**
     * @throws TokenKeyMismatchException when the database's OAuth state was sealed with another key
     */
    static void verify(OAuthRepository store, TokenCipher cipher, Clock clock) {
        Optional<OAuthRecord> found = store.find(ID);
        if (found.isEmpty()) {
            try {
                store.create(new OAuthRecord(ID, KIND, OAuthRecord.NEVER, clock.millis(), cipher.seal(MARK, ID)));
            } catch (RuntimeException raced) {
                // another server inserted it at the same moment: its key is the database's
            }
            found = store.find(ID);
        }
        if (found.isEmpty() || cipher.open(found.get().payload(), ID).filter(MARK::equals).isEmpty()) {
            throw new TokenKeyMismatchException();
        }
    }

    /** Stops the application from starting: a clear message beats grants that silently never open. */
    static final class TokenKeyMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TokenKeyMismatchException() {
            super("The OAuth grants in the database were sealed with another token key than this server's. Every"
                    + " server that shares the database needs the same agent.oauth.token-key (AGENT_OAUTH_TOKEN_KEY)."
                    + " To start over with this key instead, delete the rows of the table AH_OAUTH: users will be"
                    + " asked for their consent again.");
        }
    }
}
