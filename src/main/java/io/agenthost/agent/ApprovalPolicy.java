package io.agenthost.agent;

import java.util.Set;

/**
 * Which tools of a request's MCP server need the client's approval before they run ({@code require_approval}).
 * A tool named in neither list follows {@code otherwise}; OpenAI's default is to ask for every call.
 */
public record ApprovalPolicy(boolean otherwise, Set<String> always, Set<String> never) {

    public static final ApprovalPolicy ALWAYS = new ApprovalPolicy(true, Set.of(), Set.of());
    public static final ApprovalPolicy NEVER = new ApprovalPolicy(false, Set.of(), Set.of());

    public ApprovalPolicy {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    public boolean requiresApproval(String tool) {
        if (never.contains(tool)) {
            return false;
        }
        return always.contains(tool) || otherwise;
    }
}
