package io.agenthost.toolbox;

import io.agenthost.mcp.RequestHeaders;
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

    private final ToolboxCredentials credentials;
    private final String features;

    ProxyHeaders(ToolboxCredentials credentials, Optional<String> extraFeatures) {
        this.credentials = credentials;
        this.features = features(extraFeatures);
    }

    @Override
    public Map<String, String> forRequest(URI uri) {
        return Map.of(AUTHORIZATION, "Bearer " + credentials.bearerToken(), FEATURES_HEADER, features);
    }

    static String features(Optional<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        all.add(TOOLBOX_FEATURE);
        extra.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(all::add));
        return String.join(",", all);
    }
}
