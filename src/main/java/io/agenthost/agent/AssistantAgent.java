package io.agenthost.agent;

import jakarta.enterprise.context.ApplicationScoped;

/** The agent every deployment ships with. */
@ApplicationScoped
public class AssistantAgent implements Agent {

    @Override
    public String name() {
        return "assistant";
    }

    @Override
    public String instructions() {
        return "You are a helpful assistant. Use the tools you are given when they help to answer.";
    }

    @Override
    public String description() {
        return "A general-purpose assistant";
    }
}
