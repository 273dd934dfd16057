package io.agenthost.toolbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Finds a toolbox's MCP endpoint: {@code toolbox.<name>.url} for any MCP server, else the Foundry project's
 * toolbox proxy ({@code FOUNDRY_PROJECT_ENDPOINT}, else {@code AZURE_AI_PROJECT_ENDPOINT}):
 * {@code {endpoint}/toolboxes/{name}/mcp?api-version=v1}, or {@code .../toolboxes/{name}/versions/{version}/mcp}
 * for a pinned version; else the older toolset proxy {@code FOUNDRY_AGENT_TOOLSET_ENDPOINT}:
 * {@code {endpoint}/{name}/mcp?api-version=2025-05-01-preview}.
 */
@ApplicationScoped
public class ToolboxLocator {

    static final String TOOLSET_API_VERSION = "2025-05-01-preview";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final Function<String, Optional<String>> settings;

    @Inject
    public ToolboxLocator(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param settings configuration values by key */
    public ToolboxLocator(Function<String, Optional<String>> settings) {
        this.settings = settings;
    }

    /** For CDI proxies only. */
    protected ToolboxLocator() {
        this.settings = null;
    }

    public ToolboxLocation locate(ToolboxRef ref) {
        if (!NAME.matcher(ref.name()).matches() || ref.name().equals("..")) {
            return ToolboxLocation.invalid("the toolbox name '" + ref.name() + "' is not a single path segment");
        }
        if (ref.version() != null && !NAME.matcher(ref.version()).matches()) {
            return ToolboxLocation.invalid("the version '" + ref.version() + "' is not a single path segment");
        }
        Optional<String> direct = value("toolbox." + ref.name() + ".url");
        if (direct.isPresent()) {
            return parse(direct.get(), false);
        }
        Optional<String> project = value("FOUNDRY_PROJECT_ENDPOINT").or(() -> value("AZURE_AI_PROJECT_ENDPOINT"));
        if (project.isPresent()) {
            String path = ref.version() == null
                    ? "/toolboxes/" + encode(ref.name()) + "/mcp"
                    : "/toolboxes/" + encode(ref.name()) + "/versions/" + encode(ref.version()) + "/mcp";
            return parse(trimSlash(project.get()) + path + "?api-version=v1", true);
        }
        Optional<String> toolset = value("FOUNDRY_AGENT_TOOLSET_ENDPOINT");
        if (toolset.isPresent()) {
            return parse(trimSlash(toolset.get()) + "/" + encode(ref.name()) + "/mcp?api-version=" + TOOLSET_API_VERSION,
                    true);
        }
        return ToolboxLocation.none();
    }

    /** Whether any proxy endpoint is configured at all. */
    public boolean proxyConfigured() {
        return value("FOUNDRY_PROJECT_ENDPOINT").or(() -> value("AZURE_AI_PROJECT_ENDPOINT"))
                .or(() -> value("FOUNDRY_AGENT_TOOLSET_ENDPOINT")).isPresent();
    }

    private static ToolboxLocation parse(String url, boolean proxy) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return ToolboxLocation.invalid("'" + url + "' is not an http(s) URL with a host");
            }
            return new ToolboxLocation(uri, proxy, null);
        } catch (URISyntaxException e) {
            return ToolboxLocation.invalid("'" + url + "' is not a valid URL");
        }
    }

    private Optional<String> value(String key) {
        return settings.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String trimSlash(String endpoint) {
        String trimmed = endpoint.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
