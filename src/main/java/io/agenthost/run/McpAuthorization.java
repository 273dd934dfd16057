package io.agenthost.run;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.logging.Logger;

/**
 * Standard MCP authorization (OAuth 2.1) for the servers a run calls: what to do when one answers 401. Implement it
 * as a CDI bean; the tokens it obtains reach requests through an {@link McpTokenProvider}, like any other token.
 */
public interface McpAuthorization {

    /**
     * The server refused a request of this run with 401. Asked before the request is given up, on whatever thread the
     * MCP client uses.
     *
     * @param refused    the {@code Authorization} value the refused request carried, or null
     * @param challenges the answer's {@code WWW-Authenticate} values
     * @return true when another credential is now there for this run and server (a refreshed one, say), so that the
     *         request is worth sending once more
     */
    boolean renew(RunScope run, URI server, String refused, List<String> challenges);

    /**
     * Where the run's user grants access to a server that answered 401: its authorization server's authorize URL.
     * Empty when the answer does not lead to a standard authorization the host can start.
     */
    Optional<String> consentLink(RunScope run, McpTarget target, List<String> challenges);

    /**
     * The application's implementation, if it has one. Connections and runs are not beans, so they look it up; outside
     * a CDI container (unit tests) there is none.
     */
    static Optional<McpAuthorization> lookup() {
        try {
            Instance<McpAuthorization> found = CDI.current().select(McpAuthorization.class);
            return found.isResolvable() ? Optional.of(found.get()) : Optional.empty();
        } catch (RuntimeException | ServiceConfigurationError noContainer) {
            Logger.getLogger(McpAuthorization.class.getName())
                    .finest(() -> "no CDI container to find an MCP authorization in: " + noContainer);
            return Optional.empty();
        }
    }
}
