package io.agenthost.toolbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Finds a toolbox's MCP endpoint: {@code toolbox.<name>.url} for any MCP server; else, through the Foundry toolbox
 * proxy, the URL the hosted-agent platform gives ({@code TOOLBOX_<NAME>_MCP_ENDPOINT}, for the default version), or
 * one derived from the platform's proxy base ({@code FOUNDRY_AGENT_TOOLBOX_ENDPOINT}: {@code {base}/{name}/mcp}) or
 * the project ({@code FOUNDRY_PROJECT_ENDPOINT}, else {@code AZURE_AI_PROJECT_ENDPOINT}:
 * {@code {endpoint}/toolboxes/{name}/mcp}), each with {@code ?api-version=v1} and {@code /versions/{version}} before
 * {@code /mcp} for a pinned version; else the older toolset proxy {@code FOUNDRY_AGENT_TOOLSET_ENDPOINT}:
 * {@code {endpoint}/{name}/mcp?api-version=2025-05-01-preview}.
 */
@ApplicationScoped
public class ToolboxLocator {

    static final String TOOLSET_API_VERSION = "2025-05-01-preview";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private static final Pattern PLATFORM_TOOLBOX = Pattern.compile("TOOLBOX_([A-Z0-9_]+)_MCP_ENDPOINT");

    private final Function<String, Optional<String>> settings;
    private final Supplier<Iterable<String>> keys;

    @Inject
    public ToolboxLocator(Config config) {
        this(key -> config.getOptionalValue(key, String.class), config::getPropertyNames);
    }

    /** @param settings configuration values by key */
    public ToolboxLocator(Function<String, Optional<String>> settings) {
        this(settings, List::of);
    }

    /** @param keys every configuration key there is, to find the toolboxes the platform declares */
    public ToolboxLocator(Function<String, Optional<String>> settings, Supplier<Iterable<String>> keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /** For CDI proxies only. */
    protected ToolboxLocator() {
        this.settings = null;
        this.keys = null;
    }

    /**
     * The toolboxes the hosted-agent platform gives this agent: one per {@code TOOLBOX_<NAME>_MCP_ENDPOINT}, named
     * {@code <name>} in lower case.
     */
    public Set<ToolboxRef> declaredByPlatform() {
        Set<ToolboxRef> declared = new TreeSet<>(Comparator.comparing(ToolboxRef::name));
        for (String key : keys.get()) {
            Matcher matcher = PLATFORM_TOOLBOX.matcher(key);
            if (matcher.matches() && value(key).isPresent()) {
                declared.add(new ToolboxRef(matcher.group(1).toLowerCase(Locale.ROOT), null));
            }
        }
        return declared;
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
        Optional<String> platform = value(platformKey(ref.name()));
        if (platform.isPresent() && ref.version() == null) {
            return parse(platform.get(), true);
        }
        Optional<String> toolboxes = value("FOUNDRY_AGENT_TOOLBOX_ENDPOINT");
        if (toolboxes.isPresent()) {
            return parse(trimSlash(toolboxes.get()) + toolboxPath(ref) + "?api-version=v1", true);
        }
        Optional<String> project = value("FOUNDRY_PROJECT_ENDPOINT").or(() -> value("AZURE_AI_PROJECT_ENDPOINT"));
        if (project.isPresent()) {
            return parse(trimSlash(project.get()) + "/toolboxes" + toolboxPath(ref) + "?api-version=v1", true);
        }
        Optional<String> toolset = value("FOUNDRY_AGENT_TOOLSET_ENDPOINT");
        if (toolset.isPresent()) {
            return parse(trimSlash(toolset.get()) + "/" + encode(ref.name()) + "/mcp?api-version=" + TOOLSET_API_VERSION,
                    true);
        }
        return ToolboxLocation.none();
    }

    /** {@code /<name>/mcp}, or {@code /<name>/versions/<version>/mcp} for a pinned version. */
    private static String toolboxPath(ToolboxRef ref) {
        return ref.version() == null ? "/" + encode(ref.name()) + "/mcp"
                : "/" + encode(ref.name()) + "/versions/" + encode(ref.version()) + "/mcp";
    }

    /** {@code TOOLBOX_<NAME>_MCP_ENDPOINT}: the name upper-cased, with '_' for what an environment name cannot hold. */
    static String platformKey(String name) {
        return "TOOLBOX_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_MCP_ENDPOINT";
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
