package io.agenthost.toolbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * The bearer token for the Foundry toolbox proxy. A {@link TokenCredential} bean of the application supplies it
 * when there is one; otherwise azure-identity's {@code DefaultAzureCredential}, created on first use. The token is
 * asked for per request and reused until shortly before it expires.
 */
@ApplicationScoped
public class ToolboxCredentials {

    static final String SCOPE = "https://ai.azure.com/.default";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Supplier<TokenCredential> credentials;
    private TokenCredential credential;
    private AccessToken token;

    @Inject
    public ToolboxCredentials(Instance<TokenCredential> custom) {
        this(() -> custom.isResolvable() ? custom.get() : new DefaultAzureCredentialBuilder().build());
    }

    public ToolboxCredentials(Supplier<TokenCredential> credentials) {
        this.credentials = credentials;
    }

    /** For CDI proxies only. */
    protected ToolboxCredentials() {
        this.credentials = null;
    }

    public synchronized String bearerToken() {
        if (token == null || token.getExpiresAt().minus(REFRESH_BEFORE_EXPIRY).isBefore(OffsetDateTime.now())) {
            if (credential == null) {
                credential = credentials.get();
            }
            token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
        }
        return token.getToken();
    }
}
