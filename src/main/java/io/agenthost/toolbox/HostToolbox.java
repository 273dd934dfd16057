package io.agenthost.toolbox;

import io.agenthost.mcp.ConnectionProbe;
import io.agenthost.mcp.McpAccessException;
import io.agenthost.mcp.McpAuthorizationException;
import io.agenthost.mcp.McpCallResult;
import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpConnection;
import io.agenthost.mcp.McpEndpoint;
import io.agenthost.mcp.McpServerError;
import io.agenthost.mcp.McpTool;
import io.agenthost.run.McpTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One toolbox the host holds: where it lives, how it stands, and its open connection. At most one open runs at
 * a time: {@code open()} leaves one under way to finish on its own, {@code openOrAwait()} waits for it.
 */
final class HostToolbox implements McpToolbox {

    private static final Logger LOG = Logger.getLogger(HostToolbox.class.getName());

    /**
     * How the toolbox stands; replaced whole, so readers always see a consistent state.
     *
     * @param refused whether the last open failed because the server refused the connection
     */
    record State(ToolboxStatus status, McpConnection connection, String reason, boolean refused) {

        State(ToolboxStatus status, McpConnection connection, String reason) {
            this(status, connection, reason, false);
        }
    }

    private final ToolboxRef ref;
    private final McpEndpoint endpoint;
    private final McpClientSettings settings;
    private final ReentrantLock opening = new ReentrantLock();
    private final boolean unknownIsFatal;
    private volatile State state;

    HostToolbox(ToolboxRef ref, ToolboxLocation location, McpEndpoint endpoint, McpClientSettings settings) {
        this(ref, location, endpoint, settings, false);
    }

    /** @param strict whether a toolbox the proxy does not know (404) is a configuration error, never retried */
    HostToolbox(ToolboxRef ref, ToolboxLocation location, McpEndpoint endpoint, McpClientSettings settings,
            boolean strict) {
        this.ref = ref;
        this.endpoint = endpoint;
        this.settings = settings;
        this.unknownIsFatal = strict && location.proxy();
        if (location.problem() != null) {
            this.state = new State(ToolboxStatus.Unhealthy, null, location.problem());
        } else if (endpoint == null) {
            this.state = new State(ToolboxStatus.NoEndpoint, null, "no toolbox URL and no proxy endpoint configured");
        } else {
            this.state = new State(ToolboxStatus.Pending, null, null);
        }
    }

    ToolboxRef ref() {
        return ref;
    }

    State state() {
        return state;
    }

    /**
     * Opens the toolbox unless it is open, cannot be opened, or another thread is opening it.
     *
     * @return whether this call did the open
     */
    boolean open() {
        if (!needsOpen() || !opening.tryLock()) {
            return false;
        }
        try {
            openLocked();
            return true;
        } finally {
            opening.unlock();
        }
    }

    /**
     * Opens the toolbox unless it is open or cannot be opened, waiting for an open that another thread started.
     *
     * @return the consent links this attempt met, made for the user of the run on the calling thread
     */
    List<ConsentLink> openOrAwait() {
        if (!needsOpen()) {
            return List.of();
        }
        opening.lock();
        try {
            return openLocked();
        } finally {
            opening.unlock();
        }
    }

    private boolean needsOpen() {
        ToolboxStatus status = state.status();
        return status == ToolboxStatus.Pending || status == ToolboxStatus.Degraded
                || status == ToolboxStatus.ConsentRequired;
    }

    /** The consent links met are returned to the caller, never kept: they were made for its run's user. */
    private List<ConsentLink> openLocked() {
        if (!needsOpen()) {
            return List.of();
        }
        if (state.refused() && ConnectionProbe.refused(endpoint.url(), settings.connectTimeout())) {
            LOG.fine(() -> "Toolbox " + ref.name() + " still refuses connections");
            return List.of();
        }
        try {
            McpConnection connection = McpConnection.open(endpoint, settings);
            state = new State(ToolboxStatus.Healthy, connection, null);
            LOG.info(() -> "Toolbox " + ref.name() + " is open with " + connection.tools().size() + " tools");
        } catch (McpServerError e) {
            Optional<List<ConsentLink>> consent = ConsentParser.parse(ref.name(), e);
            if (consent.isPresent()) {
                return consentRequired(consent.get());
            }
            degraded(e.getMessage() + ": " + e.errorMessage());
        } catch (McpAuthorizationException e) {
            if (AuthorizationConsent.possible(e)) {
                return consentRequired(AuthorizationConsent.links(McpTarget.Kind.TOOLBOX, ref.name(), e)
                        .orElse(List.of()));
            }
            degraded(e.getMessage());
        } catch (McpAccessException e) {
            if (unknownIsFatal && e.httpStatus() == 404) {
                state = new State(ToolboxStatus.Unhealthy, null, "the toolbox proxy does not know toolbox "
                        + ref.name() + (ref.version() == null ? "" : " version " + ref.version()) + " (HTTP 404)");
                LOG.severe(() -> "Toolbox " + ref.name() + " is unhealthy: " + state.reason());
            } else {
                degraded(e.getMessage(), e.connectionRefused());
            }
        } catch (IllegalStateException e) {
            degraded(e.getMessage());
        }
        return List.of();
    }

    private List<ConsentLink> consentRequired(List<ConsentLink> links) {
        state = new State(ToolboxStatus.ConsentRequired, null, "a user's consent is required");
        LOG.info(() -> "Toolbox " + ref.name() + " needs a user's consent");
        return links;
    }

    private void degraded(String reason) {
        degraded(reason, false);
    }

    /** Warns when the toolbox becomes degraded or fails otherwise than before, not at every retry that fails alike. */
    private void degraded(String reason, boolean refused) {
        State before = state;
        state = new State(ToolboxStatus.Degraded, null, reason, refused);
        boolean again = before.status() == ToolboxStatus.Degraded && Objects.equals(reason, before.reason());
        LOG.log(again ? Level.FINE : Level.WARNING, () -> "Toolbox " + ref.name() + " is degraded: " + reason);
    }

    void close() {
        State closing = state;
        state = new State(ToolboxStatus.Degraded, null, "closed");
        if (closing.connection() != null) {
            closing.connection().close();
        }
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public String label() {
        return ref.name();
    }

    @Override
    public ToolboxStatus status() {
        return state.status();
    }

    @Override
    public String reason() {
        return state.reason();
    }

    @Override
    public List<McpTool> tools() {
        McpConnection connection = state.connection();
        return connection == null ? List.of() : connection.tools();
    }

    @Override
    public McpCallResult call(String tool, String arguments) {
        State current = state;
        if (current.connection() == null) {
            throw new McpAccessException("Toolbox " + ref.name() + " is not open: " + current.reason(), null);
        }
        try {
            return current.connection().call(tool, arguments);
        } catch (McpAuthorizationException e) {
            // One user's refusal: the session, and the other users' runs on it, are fine.
            throw e;
        } catch (McpAccessException e) {
            // A broken session is opened anew at the start of the next request.
            if (state == current) {
                state = new State(ToolboxStatus.Degraded, null, e.getMessage());
                current.connection().close();
            }
            throw e;
        }
    }
}
