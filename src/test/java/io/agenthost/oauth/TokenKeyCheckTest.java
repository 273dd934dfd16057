package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.store.OAuthRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenKeyCheckTest {

    private final MemoryOAuthRepository store = new MemoryOAuthRepository();
    private final Clock clock = Clock.systemUTC();

    private static TokenCipher cipher(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new TokenCipher(new SecretKeySpec(key, "AES"), new SecureRandom());
    }

    @Test
    void theFirstServerRecordsItsKeyAndServersWithTheSameKeyStart() {
        TokenKeyCheck.verify(store, cipher((byte) 1), clock);

        assertEquals(1, store.ofKind("key").size());
        assertFalse(store.ofKind("key").get(0).payload().contains("agent-host"), "the check value is sealed");
        assertDoesNotThrow(() -> TokenKeyCheck.verify(store, cipher((byte) 1), clock));
        assertEquals(1, store.records.size());
    }

    @Test
    void aServerWithAnotherKeyIsRefusedWithAMessageThatSaysWhatToDo() {
        TokenKeyCheck.verify(store, cipher((byte) 1), clock);

        IllegalStateException refused = assertThrows(TokenKeyCheck.TokenKeyMismatchException.class,
                () -> TokenKeyCheck.verify(store, cipher((byte) 2), clock));
        assertTrue(refused.getMessage().contains("agent.oauth.token-key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("AH_OAUTH"), refused.getMessage());
    }

    @Test
    void ofTwoServersStartingAtOnceTheOneWhoseInsertLostMustOpenTheWinnersValue() {
        TokenCipher winner = cipher((byte) 1);
        AtomicBoolean first = new AtomicBoolean(true);
        // Both found nothing; the other server's insert lands between this one's read and its own insert.
        MemoryOAuthRepository racing = new MemoryOAuthRepository() {
            @Override
            public boolean create(OAuthRecord record) {
                if (first.getAndSet(false)) {
                    super.create(new OAuthRecord(record.id(), record.kind(), record.expiresAt(), record.updatedAt(),
                            winner.seal("agent-host token key", TokenKeyCheck.ID)));
                    throw new IllegalStateException("duplicate key value violates unique constraint");
                }
                return super.create(record);
            }
        };

        assertThrows(TokenKeyCheck.TokenKeyMismatchException.class,
                () -> TokenKeyCheck.verify(racing, cipher((byte) 2), clock));
        first.set(true);
        MemoryOAuthRepository racingSameKey = new MemoryOAuthRepository() {
            @Override
            public boolean create(OAuthRecord record) {
                super.create(new OAuthRecord(record.id(), record.kind(), record.expiresAt(), record.updatedAt(),
                        winner.seal("agent-host token key", TokenKeyCheck.ID)));
                throw new IllegalStateException("duplicate key value violates unique constraint");
            }
        };
        assertDoesNotThrow(() -> TokenKeyCheck.verify(racingSameKey, cipher((byte) 1), clock));
    }
}
