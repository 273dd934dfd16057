package io.agenthost.toolbox;

/** A toolbox by name and optional pinned version (null for the default version). */
public record ToolboxRef(String name, String version) {

    public ToolboxRef {
        version = version == null || version.isBlank() ? null : version;
    }
}
