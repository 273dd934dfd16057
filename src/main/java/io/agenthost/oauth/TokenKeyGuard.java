package io.agenthost.oauth;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Refuses to start the application on a server whose token key cannot open the OAuth state that the other servers
 * of its database sealed (a replica started without the shared {@code agent.oauth.token-key}).
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenKeyGuard {

    private static final Logger LOG = Logger.getLogger(TokenKeyGuard.class.getName());

    @Inject
    OAuthVault vault;

    @PostConstruct
    void check() {
        try {
            vault.checkTokenKey();
        } catch (TokenKeyCheck.TokenKeyMismatchException e) {
            LOG.severe(e.getMessage());
            throw e;
        } catch (OAuthException e) {
            // The key itself is unusable: OAuthVault says so; everything but OAuth still works.
        } catch (RuntimeException e) {
            LOG.warning(() -> "The token key could not be checked against the database, which is away: "
                    + e.getClass().getSimpleName());
        }
    }
}
