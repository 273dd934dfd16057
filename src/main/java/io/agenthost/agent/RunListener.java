package io.agenthost.agent;

import io.agenthost.mcp.McpTool;
import io.agenthost.model.ToolCall;
import java.util.List;

/** Receives what a run produces, as it produces it, in order. */
public interface RunListener {

    /** A piece of the assistant's text; the first one of a message opens that message. */
    void textDelta(String delta);

    /** The message opened by the last deltas is complete with this text. */
    void textDone(String text);

    /** The model called a function tool of the request; the client runs it. */
    void functionCall(ToolCall call);

    /**
     * The tools an MCP server offers this run.
     *
     * @param error why its tools could not be listed, or null
     */
    void mcpListTools(String serverLabel, List<McpTool> tools, String error);

    /**
     * An MCP tool call begins.
     *
     * @param approvalRequestId the approval request the client answered to let it run, or null
     * @return the id of its {@code mcp_call} item
     */
    String mcpCallStarted(String serverLabel, String tool, String arguments, String approvalRequestId);

    /**
     * An MCP server needs the user's consent, given at this link. A foreground run then ends and the client sends
     * again later; a background run waits for the grant, up to its consent wait, and goes on.
     */
    void oauthConsentRequest(String serverLabel, String consentLink);

    /** The model called a tool that needs the client's approval first; the run ends and waits for the answer. */
    void mcpApprovalRequest(String serverLabel, String tool, String arguments);

    /**
     * The MCP tool call ended.
     *
     * @param output  what the tool returned, or null
     * @param failure why the call failed, or null
     */
    void mcpCallFinished(String itemId, String output, McpCallFailure failure);
}
