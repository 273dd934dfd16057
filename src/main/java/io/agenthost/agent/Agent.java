package io.agenthost.agent;

import java.util.Set;

/**
 * A hosted agent. Add one by writing a CDI bean that implements this interface; it is served under its
 * {@link #name()} on {@code /v1/responses} and listed on {@code /v1/models}.
 */
public interface Agent {

    /** The upstream model of an agent that names none. */
    String DEFAULT_MODEL = "gpt-4o-mini";

    /** The name clients select the agent by: one path segment of letters, digits, '-', '_' or '.'. */
    String name();

    /** The system prompt of every run. */
    String instructions();

    /** The upstream model's name when a real model endpoint is configured; {@code agent.<name>.model} overrides it. */
    default String model() {
        return DEFAULT_MODEL;
    }

    /**
     * The host toolboxes whose tools this agent is offered, by name; null (the default) for every host toolbox.
     */
    default Set<String> toolboxes() {
        return null;
    }

    /** One line for {@code /v1/models}. */
    default String description() {
        return "";
    }
}
