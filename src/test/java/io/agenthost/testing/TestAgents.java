package io.agenthost.testing;

import io.agenthost.agent.Agent;

/** Agents for tests: a name and instructions, nothing else. */
public final class TestAgents {

    public static final Agent ASSISTANT = named("assistant", "help");

    private TestAgents() {
    }

    public static Agent named(String name, String instructions) {
        return agent(name, instructions, "", Agent.DEFAULT_MODEL);
    }

    public static Agent agent(String name, String instructions, String description, String model) {
        return new Agent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String instructions() {
                return instructions;
            }

            @Override
            public String model() {
                return model;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
