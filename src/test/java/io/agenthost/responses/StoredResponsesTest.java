package io.agenthost.responses;

import static io.agenthost.responses.AgentSessionsTest.assertMismatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.background.MemoryEvents;
import io.agenthost.store.ResponseRecord;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Reading, listing and deleting a stored response go through the agent that owns it, and only through it. */
class StoredResponsesTest {

    private static final String INPUT = "[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"secret input\"}]}]";

    private final MemoryResponses store = MemoryResponses.keyedByAgent();
    private final StoredResponses twoAgents = new StoredResponses(AgentSessionsTest.twoAgents(), store,
            () -> null, new MemoryEvents());

    StoredResponsesTest() {
        store.insert(new ResponseRecord("resp_travel", "travel", null, null, null, "completed", 0, 0,
                "{\"id\":\"resp_travel\",\"output\":[{\"type\":\"message\",\"text\":\"secret output\"}]}", INPUT));
    }

    private static void assertRefused(Function<String, Object> action) {
        ApiException e = assertThrows(ApiException.class, () -> action.apply("assistant"));
        assertMismatch(e, "response_id", "travel", "assistant");
    }

    @Test
    void theOwnerReadsListsAndDeletesWhateverTheCaseOfItsName() {
        assertEquals("resp_travel", twoAgents.retrieve("resp_travel", "Travel").asJsonObject().getString("id"));
        JsonObject page = twoAgents.inputItems("resp_travel", "travel", 20, "desc", null);
        assertEquals("msg_1", page.getString("first_id"));

        assertTrue(twoAgents.delete("resp_travel", "TRAVEL").getBoolean("deleted"));
        assertEquals(Optional.empty(), store.find("resp_travel"));
    }

    @Test
    void anotherAgentCanNeitherReadNorListNorDeleteIt() {
        assertRefused(agent -> twoAgents.retrieve("resp_travel", agent));
        assertRefused(agent -> twoAgents.inputItems("resp_travel", agent, 20, "asc", null));
        assertRefused(agent -> twoAgents.delete("resp_travel", agent));

        assertTrue(store.find("resp_travel").isPresent());
    }

    @Test
    void withSeveralAgentsTheAgentMustBeNamedBeforeAnyIdIsLookedUp() {
        for (String id : List.of("resp_travel", "resp_missing")) {
            ApiException e = assertThrows(ApiException.class, () -> twoAgents.retrieve(id, null));
            JsonObject error = e.toJson().getJsonObject("error");
            assertEquals(400, e.status());
            assertEquals("agent", error.getString("param"));
            assertEquals("missing_required_parameter", error.getString("code"));
        }
        assertThrows(ApiException.class, () -> twoAgents.delete("resp_travel", ""));
        assertTrue(store.find("resp_travel").isPresent());
    }

    @Test
    void anUnknownAgentIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> twoAgents.retrieve("resp_travel", "billing"));

        assertEquals(404, e.status());
        assertEquals("agent", e.toJson().getJsonObject("error").getString("param"));
    }

    @Test
    void withOneAgentDeployedTheAgentMayBeOmitted() {
        MemoryResponses single = MemoryResponses.keyedByAgent();
        single.insert(new ResponseRecord("resp_a", "assistant", null, null, null, "completed", 0, 0,
                "{\"id\":\"resp_a\",\"output\":[]}", "[]"));
        StoredResponses oneAgent = new StoredResponses(
                new AgentCatalog(List.of(AgentSessionsTest.ASSISTANT), key -> Optional.empty()), single,
                () -> null, new MemoryEvents());

        assertEquals("resp_a", oneAgent.retrieve("resp_a", null).asJsonObject().getString("id"));
        ApiException missing = assertThrows(ApiException.class, () -> oneAgent.retrieve("resp_nope", null));
        assertEquals(404, missing.status());
    }
}
