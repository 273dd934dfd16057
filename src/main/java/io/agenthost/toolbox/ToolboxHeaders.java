package io.agenthost.toolbox;

import io.agenthost.mcp.RequestHeaders;
import io.agenthost.run.McpTarget;
import io.agenthost.run.McpToken;
import io.agenthost.run.RunScope;
import io.agenthost.run.RunTokens;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a host toolbox's requests carry. Each request of a run carries the run's own token when there is one: from the
 * application's token providers (e.g. on behalf of its user), else the grant the run's user gave that server through
 * MCP authorization. Requests to the Foundry toolbox proxy also carry the {@code Foundry-Features} header
 * ({@code Toolboxes=V1Preview} merged with {@code FOUNDRY_AGENT_TOOLSET_FEATURES}) and, without a run token, the host's
 * Azure token; a toolbox at its own URL goes without a credential then.
 */
final class ToolboxHeaders implements RequestHeaders {

    static final String FEATURES_HEADER = "Foundry-Features";
    static final String TOOLBOX_FEATURE = "Toolboxes=V1Preview";

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
    public Map<String, String> forRequest(URI uri, RunScope run) {
        String token = run == null ? null : tokens.token(run, new McpTarget(McpTarget.Kind.TOOLBOX, toolbox, uri))
                .map(McpToken::value).orElse(null);
        if (azure == null) {
            return token == null ? Map.of() : Map.of(AUTHORIZATION, BEARER + token);
        }
        return Map.of(AUTHORIZATION, BEARER + (token != null ? token : azure.bearerToken()), FEATURES_HEADER, features);
    }

    static String features(Optional<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        all.add(TOOLBOX_FEATURE);
        extra.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(all::add));
        return String.join(",", all);
    }
}
