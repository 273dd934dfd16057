package io.agenthost.toolbox;

import io.agenthost.mcp.OutgoingRequest;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.run.McpTarget;
import io.agenthost.run.McpToken;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a host toolbox's requests carry. Each request of a run carries the run's own token when there is one: from the
 * application's token providers (e.g. on behalf of its user), else the grant the run's user gave that server through
 * MCP authorization. Requests to the Foundry toolbox proxy also carry the {@code Foundry-Features} header
 * ({@code Toolboxes=V1Preview} merged with {@code FOUNDRY_AGENT_TOOLSET_FEATURES}) and, without a run token, the host's
 * Azure token, and the platform's call id of the run ({@code x-agent-foundry-call-id}) when it has one. A toolbox at
 * its own URL goes without a credential then, and gets the call id only when it is a Foundry service
 * ({@code *.services.ai.azure.com}, a Foundry-hosted agent called as a tool): the servers a request brings never get it.
 */
final class ToolboxHeaders implements RequestHeaders {

    static final String FEATURES_HEADER = "Foundry-Features";
    static final String TOOLBOX_FEATURE = "Toolboxes=V1Preview";
    static final String CALL_ID_HEADER = "x-agent-foundry-call-id";

    private final String toolbox;
    private final RunTokens tokens;
    /** The host's Azure identity, for the proxy; null for a toolbox at its own URL. */
    private final ToolboxCredentials azure;
    private final String features;

    private ToolboxHeaders(String toolbox, RunTokens tokens, ToolboxCredentials azure, String features) {
        this.toolbox = toolbox;
        this.tokens = tokens;
        this.azure = azure;
        this.features = features;
    }

    static ToolboxHeaders proxy(String toolbox, RunTokens tokens, ToolboxCredentials azure,
            Optional<String> extraFeatures) {
        return new ToolboxHeaders(toolbox, tokens, azure, features(extraFeatures));
    }

    static ToolboxHeaders ownUrl(String toolbox, RunTokens tokens) {
        return new ToolboxHeaders(toolbox, tokens, null, null);
    }

    @Override
    public Map<String, String> forRequest(OutgoingRequest request, RunScope run) {
        URI uri = request.uri();
        McpToken token = run == null ? null : tokens.token(run, new McpTarget(McpTarget.Kind.TOOLBOX, toolbox, uri))
                .orElse(null);
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            RequestHeaders.credential(headers, token, request);
        } else if (azure != null) {
            headers.put(AUTHORIZATION, BEARER + azure.bearerToken());
        }
        if (azure != null) {
            headers.put(FEATURES_HEADER, features);
        }
        if (run != null && run.callId() != null && (azure != null || foundryService(uri))) {
            // The proxy resolves the human caller from it: what makes each user's consent their own on the platform.
            headers.put(CALL_ID_HEADER, run.callId());
        }
        return headers;
    }

    /** A Foundry service (a Foundry-hosted agent, say) that the operator configured as a toolbox at its own URL. */
    static boolean foundryService(URI uri) {
        return uri.getHost() != null && uri.getHost().toLowerCase(Locale.ROOT).endsWith(".services.ai.azure.com");
    }

    static String features(Optional<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        all.add(TOOLBOX_FEATURE);
        extra.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(all::add));
        return String.join(",", all);
    }
}
