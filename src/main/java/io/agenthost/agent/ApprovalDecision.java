package io.agenthost.agent;

/**
 * The client's answer to an {@code mcp_approval_request}: the call it concerns and whether it may run.
 *
 * @param approvalRequestId the id of the approval request item, which the call's item refers to
 */
public record ApprovalDecision(String approvalRequestId, String serverLabel, String tool, String arguments,
        boolean approve) {
}
