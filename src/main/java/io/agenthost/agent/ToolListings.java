package io.agenthost.agent;

import io.agenthost.mcp.McpTool;
import io.agenthost.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the tool lists of a listing that is tried again while a run waits for consent, to report them only if that
 * try succeeds. A listing reports nothing else.
 */
final class ToolListings implements RunListener {

    private record Listing(String serverLabel, List<McpTool> tools, String error) {
    }

    private final List<Listing> listings = new ArrayList<>();

    @Override
    public void mcpListTools(String serverLabel, List<McpTool> tools, String error) {
        listings.add(new Listing(serverLabel, List.copyOf(tools), error));
    }

    void replayTo(RunListener listener) {
        listings.forEach(listing -> listener.mcpListTools(listing.serverLabel(), listing.tools(), listing.error()));
    }

    @Override
    public void textDelta(String delta) {
        throw notDuringListing();
    }

    @Override
    public void textDone(String text) {
        throw notDuringListing();
    }

    @Override
    public void functionCall(ToolCall call) {
        throw notDuringListing();
    }

    @Override
    public String mcpCallStarted(String serverLabel, String tool, String arguments, String approvalRequestId) {
        throw notDuringListing();
    }

    @Override
    public void oauthConsentRequest(String serverLabel, String consentLink) {
        throw notDuringListing();
    }

    @Override
    public void mcpApprovalRequest(String serverLabel, String tool, String arguments) {
        throw notDuringListing();
    }

    @Override
    public void mcpCallFinished(String itemId, String output, McpCallFailure failure) {
        throw notDuringListing();
    }

    private static IllegalStateException notDuringListing() {
        return new IllegalStateException("a tool listing reports tool lists only");
    }
}
