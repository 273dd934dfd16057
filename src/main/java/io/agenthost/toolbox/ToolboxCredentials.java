package io.agenthost.toolbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The bearer token for the Foundry toolbox proxy. A {@link TokenCredential} bean of the application supplies it
 * when there is one; otherwise azure-identity's {@code DefaultAzureCredential}, created on first use. The token is
 * asked for per request and reused until shortly before it expires. One fetch runs at a time; while it runs, requests
 * that still hold a valid token go on with it, and only those without one wait.
 */
@ApplicationScoped
public class ToolboxCredentials {

    private static final Logger LOG = Logger.getLogger(ToolboxCredentials.class.getName());
    static final String SCOPE = "https://ai.azure.com/.default";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Supplier<TokenCredential> credentials;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private final AtomicReference<AccessToken> token = new AtomicReference<>();
    private volatile TokenCredential credential;

    @Inject
    public ToolboxCredentials(Instance<TokenCredential> custom) {
        this(() -> custom.isResolvable() ? custom.get() : new DefaultAzureCredentialBuilder().build(),
                Clock.systemUTC());
    }

    public ToolboxCredentials(Supplier<TokenCredential> credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ToolboxCredentials() {
        this.credentials = null;
        this.clock = null;
    }

    public String bearerToken() {
        AccessToken current = token.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (current != null && now.isBefore(current.getExpiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
            return current.getToken();
        }
        if (current != null && now.isBefore(current.getExpiresAt())) {
            // Due for renewal but still good: renew it unless another request already is, and go on meanwhile.
            if (fetching.tryLock()) {
                try {
                    fetch();
                } catch (RuntimeException e) {
                    LOG.warning(() -> "The toolbox proxy token could not be renewed early; the current one is kept: "
                            + e.getClass().getSimpleName());
                } finally {
                    fetching.unlock();
                }
            }
            return token.get().getToken();
        }
        fetching.lock();
        try {
            current = token.get();
            if (current == null || !OffsetDateTime.now(clock).isBefore(current.getExpiresAt())) {
                current = fetch();
            }
            return current.getToken();
        } finally {
            fetching.unlock();
        }
    }

    private AccessToken fetch() {
        if (credential == null) {
            credential = credentials.get();
        }
        AccessToken fresh = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
        token.set(fresh);
        return fresh;
    }
}
