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
 * What the Foundry toolbox proxy needs on every request: a fresh Azure bearer token and the
 * {@code Foundry-Features} header, {@code Toolboxes=V1Preview} merged with {@code FOUNDRY_AGENT_TOOLSET_FEATURES}.
 */
final class ProxyHeaders implements RequestHeaders {

    static final String FEATURES_HEADER = "Foundry-Features";
    static final String TOOLBOX_FEATURE = "Toolboxes=V1Preview";

    private final String toolbox;
    private final RunTokens tokens;
    private final ToolboxCredentials credentials;
    private final String features;

    ProxyHeaders(String toolbox, RunTokens tokens, ToolboxCredentials credentials, Optional<String> extraFeatures) {
        this.toolbox = toolbox;
        this.tokens = tokens;
        this.credentials = credentials;
        this.features = features(extraFeatures);
    }

    /** The run's own token when a provider mints one (e.g. on behalf of its user), else the host's Azure identity. */
    @Override
    public Map<String, String> forRequest(URI uri, RunScope run) {
        String token = run == null ? null : tokens.token(run, new McpTarget(McpTarget.Kind.TOOLBOX, toolbox, uri))
                .map(McpToken::value).orElse(null);
        return Map.of(AUTHORIZATION, "Bearer " + (token != null ? token : credentials.bearerToken()),
                FEATURES_HEADER, features);
    }

    static String features(Optional<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        all.add(TOOLBOX_FEATURE);
        extra.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(all::add));
        return String.join(",", all);
    }
}
