package io.agenthost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.McpClientSettings;
import io.agenthost.mcp.McpTool;
import io.agenthost.mcp.RequestHeaders;
import io.agenthost.mcp.RetryPolicy;
import io.agenthost.model.ModelSettings;
import io.agenthost.model.ToolCall;
import io.agenthost.model.ToolChoice;
import io.agenthost.run.RunTokens;
import io.agenthost.toolbox.ToolboxLocator;
import io.agenthost.toolbox.ToolboxRef;
import io.agenthost.toolbox.ToolboxRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunToolsTest {

    private static final McpClientSettings SETTINGS =
            new McpClientSettings("t", "1", Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.NONE);
    private static final RequestServers SERVERS = new RequestServers(SETTINGS, new RunTokens(List.of(), Clock.systemUTC()));
    private final ToolboxRegistry registry = new ToolboxRegistry(List.of(), new ToolboxLocator(key -> Optional.empty()),
            (ref, location) -> RequestHeaders.NONE, SETTINGS, Duration.ofSeconds(1), Clock.systemUTC());
    private final List<String> lists = new ArrayList<>();

    private RunRequest withMarker(String name) {
        return new RunRequest(new HostedAgent("a", "i", "m", "", null), List.of(), null, List.of(), List.of(),
                List.of(new ToolboxRef(name, null)), List.of(), ToolChoice.AUTO, null, Duration.ZERO,
                ModelSettings.DEFAULTS, null);
    }

    private static MarkerPolicy allowing(boolean strict, String... names) {
        return new MarkerPolicy(strict, Set.of(names));
    }

    @Test
    void nonStrictModeReportsAnUnresolvableToolboxAndGoesOn() {
        assertTrue(new RunTools(registry, SERVERS.lease(), Runnable::run, allowing(false, "nosuch"))
                .list(withMarker("nosuch"), listener()).isEmpty());

        assertEquals(1, lists.size());
        assertTrue(lists.get(0).startsWith("nosuch: Toolbox nosuch is NoEndpoint"), lists.get(0));
    }

    @Test
    void strictModeFailsTheRun() {
        RunFailedException failure = assertThrows(RunFailedException.class,
                () -> new RunTools(registry, SERVERS.lease(), Runnable::run, allowing(true, "nosuch"))
                        .list(withMarker("nosuch"), listener()));
        assertEquals("toolbox_unavailable", failure.code());
    }

    @Test
    void aMarkerForAToolboxNeitherTheAgentsNorAllowedIsRefusedBeforeAnythingOpens() {
        RunFailedException failure = assertThrows(RunFailedException.class,
                () -> new RunTools(registry, SERVERS.lease(), Runnable::run, allowing(true, "other"))
                        .list(withMarker("elsewhere"), listener()));
        assertEquals("toolbox_not_allowed", failure.code());
        assertTrue(failure.getMessage().contains("elsewhere"), failure.getMessage());

        assertTrue(new RunTools(registry, SERVERS.lease(), Runnable::run, allowing(false))
                .list(withMarker("elsewhere"), listener()).isEmpty());
        assertEquals(1, lists.size());
        assertTrue(lists.get(0).startsWith("elsewhere: Toolbox elsewhere is not one of agent a's toolboxes"),
                lists.get(0));
    }

    @Test
    void anAgentsOwnToolboxesAndTheAllowedOnesMayBeMarked() {
        MarkerPolicy policy = allowing(true, "shared");
        assertTrue(policy.allows("calendar", Set.of("calendar"), true));
        assertTrue(policy.allows("shared", Set.of("calendar"), false));
        assertTrue(policy.allows("mail", null, true));
        assertFalse(policy.allows("mail", Set.of("calendar"), true));
        assertFalse(policy.allows("new", null, false));
    }

    private RunListener listener() {
        return new RunListener() {
            @Override
            public void textDelta(String delta) {
            }

            @Override
            public void textDone(String text) {
            }

            @Override
            public void functionCall(ToolCall call) {
            }

            @Override
            public void mcpListTools(String serverLabel, List<McpTool> tools, String error) {
                lists.add(serverLabel + ": " + error);
            }

            @Override
            public String mcpCallStarted(String serverLabel, String tool, String arguments, String approvalRequestId) {
                return "id";
            }

            @Override
            public void mcpApprovalRequest(String serverLabel, String tool, String arguments) {
            }

            @Override
            public void oauthConsentRequest(String serverLabel, String consentLink) {
            }

            @Override
            public void mcpCallFinished(String itemId, String output, McpCallFailure failure) {
            }
        };
    }
}
