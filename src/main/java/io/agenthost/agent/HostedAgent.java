package io.agenthost.agent;

/** An agent as the server runs it, with its configuration applied. */
public record HostedAgent(String name, String instructions, String model, String description) {
}
