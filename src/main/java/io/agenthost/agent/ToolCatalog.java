package io.agenthost.agent;

import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.McpToolSource;
import io.agenthost.model.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools one run offers the model, under names the model can use: a function tool by its own name, an MCP tool
 * by its own name when no other tool has it, else as {@code <server_label>__<tool>}; cut to 64 characters and
 * numbered where that makes two names one.
 */
final class ToolCatalog {

    /** What a name the model may call stands for: an MCP tool of a source, or (source null) a function tool. */
    record Target(McpToolSource source, String tool) {
        boolean isFunction() {
            return source == null;
        }
    }

    private static final int MAX_NAME = 64;

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final List<ToolSpec> specs = new ArrayList<>();

    ToolCatalog(List<ToolSpec> functionTools, Map<McpToolSource, List<McpTool>> mcpTools) {
        Map<String, Integer> uses = new HashMap<>();
        functionTools.forEach(f -> uses.merge(f.name(), 1, Integer::sum));
        mcpTools.values().forEach(tools -> tools.forEach(t -> uses.merge(sanitize(t.name()), 1, Integer::sum)));
        for (ToolSpec function : functionTools) {
            targets.put(function.name(), new Target(null, function.name()));
            specs.add(function);
        }
        mcpTools.forEach((source, tools) -> {
            for (McpTool tool : tools) {
                String own = sanitize(tool.name());
                String name = unique(uses.get(own) == 1 ? own : qualified(source.label(), tool.name()));
                targets.put(name, new Target(source, tool.name()));
                specs.add(new ToolSpec(name, tool.description(), tool.inputSchema()));
            }
        });
    }

    List<ToolSpec> specs() {
        return specs;
    }

    Target find(String name) {
        return targets.get(name);
    }

    /** The name a tool of that server has when its own name is taken: {@code <server_label>__<tool>}. */
    static String qualified(String label, String tool) {
        return sanitize(label) + "__" + sanitize(tool);
    }

    /**
     * The name cut to the 64 characters model APIs take, and made unique with a number when a name cut or cleaned
     * the same way is taken already: no tool is ever dropped or shadowed for its name.
     */
    private String unique(String candidate) {
        String name = cut(candidate, MAX_NAME);
        for (int n = 2; targets.containsKey(name); n++) {
            String suffix = "_" + n;
            name = cut(candidate, MAX_NAME - suffix.length()) + suffix;
        }
        return name;
    }

    private static String cut(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length);
    }

    /** Model APIs take tool names of letters, digits, '_' and '-' only. */
    static String sanitize(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return clean.isEmpty() ? "tool" : clean;
    }
}
