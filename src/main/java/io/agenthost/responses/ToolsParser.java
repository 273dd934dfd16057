package io.agenthost.responses;

import io.agenthost.agent.ApprovalPolicy;
import io.agenthost.agent.RequestMcpTool;
import io.agenthost.json.Json;
import io.agenthost.mcp.HeaderValues;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.ToolSpec;
import io.agenthost.toolbox.ToolboxRef;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code tools} of a request: {@code function} tools, {@code mcp} tools with their server, credentials,
 * filter and approval policy, and {@code foundry-toolbox://<name>?version=<v>} markers that select host toolboxes.
 */
final class ToolsParser {

    static final String TOOLBOX_SCHEME = "foundry-toolbox";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    /** The tools of one request, and how the response echoes them (without any credential). */
    record Tools(List<ToolSpec> functions, List<RequestMcpTool> mcpServers, List<ToolboxRef> toolboxes, JsonArray echo) {
    }

    private final ServerUrlPolicy urlPolicy;

    ToolsParser(ServerUrlPolicy urlPolicy) {
        this.urlPolicy = urlPolicy;
    }

    Tools parse(JsonObject json) {
        List<ToolSpec> functions = new ArrayList<>();
        List<RequestMcpTool> servers = new ArrayList<>();
        Map<String, ToolboxRef> toolboxes = new LinkedHashMap<>();
        JsonArrayBuilder echo = Json.createArrayBuilder();
        if (!RequestParser.present(json, "tools")) {
            return new Tools(functions, servers, List.of(), JsonValue.EMPTY_JSON_ARRAY);
        }
        JsonArray tools = RequestParser.array(json.get("tools"), "tools");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String param = "tools[" + i + "]";
            JsonObject tool = RequestParser.object(tools.get(i), param);
            String type = RequestParser.string(tool, "type", param + ".type");
            if ("function".equals(type)) {
                ToolSpec function = function(tool, param);
                unique(names, function.name(), param + ".name");
                functions.add(function);
                echo.add(Json.createObjectBuilder().add("type", "function").add("name", function.name())
                        .add("description", nullable(function.description()))
                        .add("parameters", function.parameters() == null ? JsonValue.NULL : function.parameters())
                        .add("strict", RequestParser.bool(tool, "strict", param + ".strict", true)));
            } else if ("mcp".equals(type)) {
                String label = RequestParser.string(tool, "server_label", param + ".server_label");
                if (label == null || !NAME.matcher(label).matches()) {
                    throw ApiException.badRequest("An mcp tool needs a 'server_label' of 1 to 64 letters, digits, '_'"
                            + " or '-'.", param + ".server_label");
                }
                String url = RequestParser.string(tool, "server_url", param + ".server_url");
                if (url == null || url.isBlank()) {
                    throw ApiException.badRequest("Missing required parameter: '" + param + ".server_url'.",
                            param + ".server_url", "missing_required_parameter");
                }
                if (url.toLowerCase(Locale.ROOT).startsWith(TOOLBOX_SCHEME + "://")) {
                    ToolboxRef ref = marker(url, param);
                    toolboxes.putIfAbsent(ref.name(), ref);
                } else {
                    unique(names, "mcp:" + label, param + ".server_label");
                    servers.add(server(tool, label, url, param));
                }
                echo.add(echoMcp(tool));
            } else {
                throw ApiException.badRequest("Unsupported tool type '" + type + "'; supported: 'function', 'mcp'.",
                        param + ".type", "unsupported_tool_type");
            }
        }
        return new Tools(functions, servers, List.copyOf(toolboxes.values()), echo.build());
    }

    private static ToolSpec function(JsonObject tool, String param) {
        String name = RequestParser.string(tool, "name", param + ".name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("A function tool needs a 'name' of 1 to 64 letters, digits, '_' or '-'.",
                    param + ".name");
        }
        String description = RequestParser.string(tool, "description", param + ".description");
        JsonObject parameters = RequestParser.present(tool, "parameters")
                ? RequestParser.object(tool.get("parameters"), param + ".parameters") : null;
        RequestParser.bool(tool, "strict", param + ".strict", true);
        return new ToolSpec(name, description, parameters);
    }

    private RequestMcpTool server(JsonObject tool, String label, String url, String param) {
        urlPolicy.refusal(url).ifPresent(reason -> {
            throw ApiException.badRequest("The server_url of mcp tool '" + label + "' " + reason + ".",
                    param + ".server_url", "server_url_refused");
        });
        String authorization = RequestParser.string(tool, "authorization", param + ".authorization");
        if (authorization != null && (authorization.isEmpty() || !HeaderValues.isFieldValue(authorization))) {
            throw ApiException.badRequest("The 'authorization' of mcp tool '" + label + "' must be a token that an"
                    + " HTTP header can carry: visible ASCII, no control characters (RFC 9110). It is not shown here.",
                    param + ".authorization");
        }
        return new RequestMcpTool(label, url, authorization, headers(tool, label, param), allowedTools(tool, param),
                approval(tool, param), RequestParser.string(tool, "server_description", param + ".server_description"));
    }

    private static Map<String, String> headers(JsonObject tool, String label, String param) {
        if (!RequestParser.present(tool, "headers")) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (var entry : RequestParser.object(tool.get("headers"), param + ".headers").entrySet()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase("authorization")) {
                throw ApiException.badRequest("Do not put 'Authorization' in '" + param + ".headers': pass the token"
                        + " in '" + param + ".authorization', which sends it as a bearer token to this server only.",
                        param + ".headers", "authorization_in_headers");
            }
            if (!HEADER_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("'" + name + "' is not a valid header name.", param + ".headers");
            }
            if (!(entry.getValue() instanceof JsonString value) || !HeaderValues.isFieldValue(value.getString())) {
                throw ApiException.badRequest("The header '" + name + "' of mcp tool '" + label + "' must be a string"
                        + " that HTTP can carry: visible ASCII, no control characters (RFC 9110). It is not shown"
                        + " here.", param + ".headers." + name);
            }
            headers.put(name, value.getString());
        }
        return headers;
    }

    private static Set<String> allowedTools(JsonObject tool, String param) {
        if (!RequestParser.present(tool, "allowed_tools")) {
            return null;
        }
        JsonValue value = tool.get("allowed_tools");
        JsonArray names = value.getValueType() == JsonValue.ValueType.OBJECT
                ? toolNames(value.asJsonObject(), param + ".allowed_tools")
                : RequestParser.array(value, param + ".allowed_tools");
        return strings(names, param + ".allowed_tools");
    }

    private static ApprovalPolicy approval(JsonObject tool, String param) {
        String name = param + ".require_approval";
        if (!RequestParser.present(tool, "require_approval")) {
            return ApprovalPolicy.ALWAYS;
        }
        JsonValue value = tool.get("require_approval");
        if (value instanceof JsonString setting) {
            return switch (setting.getString()) {
                case "always" -> ApprovalPolicy.ALWAYS;
                case "never" -> ApprovalPolicy.NEVER;
                default -> throw ApiException.badRequest("'" + name + "' must be 'always', 'never' or an object.", name);
            };
        }
        JsonObject policy = RequestParser.object(value, name);
        Set<String> always = policy.containsKey("always")
                ? strings(toolNames(RequestParser.object(policy.get("always"), name + ".always"), name + ".always"),
                        name + ".always") : Set.of();
        Set<String> never = policy.containsKey("never")
                ? strings(toolNames(RequestParser.object(policy.get("never"), name + ".never"), name + ".never"),
                        name + ".never") : Set.of();
        return new ApprovalPolicy(true, always, never);
    }

    private static ToolboxRef marker(String url, String param) {
        try {
            URI uri = new URI(url.trim());
            String name = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
            if (name == null || name.isBlank() || (uri.getPath() != null && !uri.getPath().isEmpty()
                    && !uri.getPath().equals("/"))) {
                throw new URISyntaxException(url, "no toolbox name");
            }
            String version = null;
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    if (pair.startsWith("version=")) {
                        version = pair.substring("version=".length());
                    }
                }
            }
            return new ToolboxRef(name, version);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("'" + param + ".server_url' must be foundry-toolbox://<name>?version=<v>.",
                    param + ".server_url");
        }
    }

    /** The tool as the response shows it: everything but its credentials and header values. */
    private static JsonObject echoMcp(JsonObject tool) {
        JsonObjectBuilder echo = Json.createObjectBuilder();
        tool.forEach((key, value) -> {
            if (key.equals("headers") && value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObjectBuilder names = Json.createObjectBuilder();
                value.asJsonObject().keySet().forEach(name -> names.add(name, "<redacted>"));
                echo.add(key, names);
            } else if (!key.equals("authorization")) {
                echo.add(key, value);
            }
        });
        return echo.build();
    }

    private static JsonArray toolNames(JsonObject filter, String param) {
        if (!RequestParser.present(filter, "tool_names")) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return RequestParser.array(filter.get("tool_names"), param + ".tool_names");
    }

    private static Set<String> strings(JsonArray array, String param) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString s)) {
                throw ApiException.badRequest("'" + param + "' must list tool names as strings.", param);
            }
            values.add(s.getString());
        }
        return values;
    }

    private static void unique(Set<String> names, String name, String param) {
        if (!names.add(name)) {
            throw ApiException.badRequest("Two tools are named '" + name.replace("mcp:", "") + "'.", param);
        }
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }
}
