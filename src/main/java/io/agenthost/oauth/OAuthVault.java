package io.agenthost.oauth;

import io.agenthost.json.Json;
import io.agenthost.store.OAuthRecord;
import io.agenthost.store.OAuthRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Keeps the users' grants and the pending authorizations in the store, sealed ({@link TokenCipher}), under ids that
 * are hashes of their keys, so the table shows neither tokens nor who holds them for which server. Grants are also
 * held in memory: tokens are asked for on every MCP request.
 */
@ContextServiceDefinition(name = OAuthVault.CONTEXT,
        propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.TRANSACTION,
        unchanged = ContextServiceDefinition.ALL_REMAINING)
@ApplicationScoped
public class OAuthVault {

    /** The application's context alone: what the store needs, and nothing of the thread that happens to call. */
    static final String CONTEXT = "java:app/concurrent/OAuthStoreContext";

    private static final Logger LOG = Logger.getLogger(OAuthVault.class.getName());

    private static final String GRANT = "grant";
    private static final String PENDING = "pending";

    /** Bounds the memory that requests naming ever new servers could take; the store still has everything. */
    static final int MAX_CACHED = 10_000;

    @Inject
    OAuthRepository repository;

    @Inject
    OAuthSettings settings;

    @Resource(lookup = CONTEXT)
    ContextService contexts;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Optional<Grant>> grants = new ConcurrentHashMap<>();
    private volatile OAuthRepository store;
    private volatile TokenCipher cipher;
    private Clock clock = Clock.systemUTC();

    /** The bean: its store is set once the application has started. */
    protected OAuthVault() {
    }

    public OAuthVault(OAuthRepository store, TokenCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Tokens are asked for and refreshed on the MCP client's own threads, which carry no application context; the
     * store is reached through a contextual proxy made here, on a thread that has it.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            store = contexts.createContextualProxy(new Direct(repository), OAuthRepository.class);
        } catch (RuntimeException e) {
            // OAuth is one feature among many: without the proxy it still works on the server's own threads.
            store = repository;
            LOG.severe(() -> "OAuth tokens can only be stored and refreshed on the server's own threads: " + e);
        }
        try {
            cipher();
        } catch (OAuthException e) {
            LOG.severe(() -> "OAuth tokens cannot be stored until this is fixed: " + e.getMessage());
        }
    }

    /**
     * Checks that this server's token key is the one that sealed the database's OAuth state ({@link TokenKeyCheck}).
     *
     * @throws TokenKeyCheck.TokenKeyMismatchException when it is not
     */
    void checkTokenKey() {
        TokenKeyCheck.verify(repository, cipher(), clock);
    }

    public Optional<Grant> grant(String key) {
        Optional<Grant> cached = grants.get(key);
        return cached != null ? cached : reloadGrant(key);
    }

    /** The grant as the store has it: another server of a cluster, or a callback, may have replaced it. */
    public Optional<Grant> reloadGrant(String key) {
        String id = id(GRANT, key);
        Optional<Grant> grant = store.find(id).flatMap(record -> open(record, Grant::fromJson));
        remember(key, grant);
        return grant;
    }

    public void saveGrant(String key, Grant grant) {
        String id = id(GRANT, key);
        store.save(new OAuthRecord(id, GRANT, OAuthRecord.NEVER, clock.millis(), seal(grant.toJson(), id)));
        remember(key, Optional.of(grant));
    }

    public void deleteGrant(String key) {
        store.delete(id(GRANT, key));
        remember(key, Optional.empty());
    }

    public void savePending(String state, PendingAuthorization pending) {
        store.deleteExpired(clock.millis());
        String id = id(PENDING, state);
        store.save(new OAuthRecord(id, PENDING, pending.expiresAt().toEpochMilli(), clock.millis(),
                seal(pending.toJson(), id)));
    }

    /** The authorization waiting for this state, once: a state that came back before is unknown. */
    public Optional<PendingAuthorization> takePending(String state) {
        String id = id(PENDING, state);
        return store.take(id).flatMap(record -> open(record, PendingAuthorization::fromJson))
                .filter(pending -> clock.instant().isBefore(pending.expiresAt()));
    }

    private void remember(String key, Optional<Grant> grant) {
        if (grants.size() >= MAX_CACHED) {
            grants.clear();
        }
        grants.put(key, grant);
    }

    private String seal(JsonObject json, String id) {
        return cipher().seal(json.toString(), id);
    }

    private <T> Optional<T> open(OAuthRecord record, Function<JsonObject, T> parse) {
        Optional<String> plain = cipher().open(record.payload(), record.id());
        if (plain.isEmpty()) {
            LOG.warning(() -> "A stored OAuth " + record.kind() + " does not open with the current token key; it is"
                    + " ignored (was agent.oauth.token-key changed?)");
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(plain.get()))) {
            return Optional.of(parse.apply(reader.readObject()));
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            LOG.warning(() -> "A stored OAuth " + record.kind() + " is unreadable and is ignored: "
                    + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private TokenCipher cipher() {
        TokenCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                current = cipher;
                if (current == null) {
                    current = new TokenCipher(TokenCipher.key(settings.tokenKey(), settings.tokenKeyFile(), random),
                            random);
                    cipher = current;
                }
            }
        }
        return current;
    }

    /**
     * The store as a plain object: the CDI proxy is serializable, and a contextual proxy of a serializable object must
     * be serializable too, which the server refuses to make of some thread contexts.
     */
    private static final class Direct implements OAuthRepository {
        private final OAuthRepository store;

        Direct(OAuthRepository store) {
            this.store = store;
        }

        @Override
        public Optional<OAuthRecord> find(String id) {
            return store.find(id);
        }

        @Override
        public boolean create(OAuthRecord record) {
            return store.create(record);
        }

        @Override
        public void save(OAuthRecord record) {
            store.save(record);
        }

        @Override
        public Optional<OAuthRecord> take(String id) {
            return store.take(id);
        }

        @Override
        public boolean delete(String id) {
            return store.delete(id);
        }

        @Override
        public int deleteExpired(long nowMillis) {
            return store.deleteExpired(nowMillis);
        }
    }

    static String id(String kind, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
