package io.agenthost.agent;

import io.agenthost.testing.TestAgents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agents declared by configuration, next to the agent beans. */
class AgentCatalogTest {

    private static final Agent ASSISTANT = TestAgents.ASSISTANT;

    private static AgentCatalog catalog(Map<String, String> config) {
        return new AgentCatalog(List.of(ASSISTANT), key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void configuredAgentsAreHostedBesideTheBeans() {
        AgentCatalog catalog = catalog(Map.of(
                "agent.configured", " travel , billing,",
                "agent.travel.instructions", "You plan trips.",
                "agent.travel.description", "Plans trips",
                "agent.travel.model", "gpt-4.1",
                "agent.travel.toolboxes", "calendar, maps",
                "agent.billing.instructions", "You answer billing questions."));

        assertEquals(List.of("assistant", "billing", "travel"), catalog.all().stream().map(HostedAgent::name).toList());
        HostedAgent travel = catalog.find("TRAVEL").orElseThrow();
        assertEquals(new HostedAgent("travel", "You plan trips.", "gpt-4.1", "Plans trips", Set.of("calendar", "maps")),
                travel);
        HostedAgent billing = catalog.find("billing").orElseThrow();
        assertEquals(Agent.DEFAULT_MODEL, billing.model());
        assertEquals("", billing.description());
        assertNull(billing.toolboxes(), "no toolboxes key means every host toolbox");
        assertTrue(catalog.single().isEmpty());
    }

    @Test
    void withoutConfiguredAgentsOnlyTheBeansAreHosted() {
        AgentCatalog catalog = catalog(Map.of("agent.assistant.model", "gpt-4.1"));

        assertEquals("assistant", catalog.single().orElseThrow().name());
        assertEquals("gpt-4.1", catalog.single().orElseThrow().model());
    }

    @Test
    void aConfiguredAgentWithTheNameOfABeanIsAStartupError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> catalog(Map.of(
                "agent.configured", "Assistant", "agent.Assistant.instructions", "x")));

        assertTrue(e.getMessage().contains("'Assistant'") && e.getMessage().contains("'assistant'"), e.getMessage());
    }

    @Test
    void aNameConfiguredTwiceIsAStartupError() {
        assertThrows(IllegalStateException.class, () -> catalog(Map.of(
                "agent.configured", "travel,TRAVEL", "agent.travel.instructions", "x", "agent.TRAVEL.instructions", "x")));
    }

    @Test
    void aConfiguredAgentNeedsInstructions() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> catalog(Map.of("agent.configured", "travel")));

        assertTrue(e.getMessage().contains("agent.travel.instructions"), e.getMessage());
    }

    @Test
    void aConfiguredAgentNeedsAValidName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> catalog(Map.of("agent.configured", "../x", "agent.../x.instructions", "x")));

        assertTrue(e.getMessage().contains("invalid name"), e.getMessage());
    }
}
