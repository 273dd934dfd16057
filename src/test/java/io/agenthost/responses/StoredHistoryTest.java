package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agenthost.agent.AgentCatalog;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.ChatMessage;
import io.agenthost.store.ResponseRecord;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.testing.TestAgents;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A response that has not ended is no history yet: neither a background response still {@code queued} nor one
 * {@code in_progress} may be continued, and a conversation's next request leaves them out.
 */
class StoredHistoryTest {

    private final MemoryResponses store = MemoryResponses.keyedByAgent();
    private final ResponseService service = new ResponseService(
            new AgentCatalog(List.of(TestAgents.ASSISTANT), key -> Optional.empty()), null, store, null, () -> null,
            Optional.empty(), Duration.ZERO, AgentTelemetry.disabled());

    private PreparedRun prepare(String body) {
        return service.prepare(new RequestParser(new ServerUrlPolicy(false))
                .parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void stored(String id, String status, String conversation, String answer) {
        store.insert(new ResponseRecord(id, "assistant", null, conversation, null, status, 0, 0,
                "{\"output\":[{\"type\":\"message\",\"id\":\"msg_" + id + "\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"output_text\",\"text\":\"" + answer + "\"}]}]}",
                "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                        + "\"question of " + id + "\"}]}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "in_progress"})
    void aPreviousResponseThatHasNotEndedCannotBeContinued(String status) {
        stored("resp_running", status, null, "not yet");

        ApiException e = assertThrows(ApiException.class,
                () -> prepare("{\"model\":\"assistant\",\"input\":\"next\",\"previous_response_id\":\"resp_running\"}"));

        JsonObject error = e.toJson().getJsonObject("error");
        assertEquals(409, e.status());
        assertEquals("response_in_progress", error.getString("code"));
        assertEquals("previous_response_id", error.getString("param"));
        assertEquals("Previous response 'resp_running' is still " + status + ".", error.getString("message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "in_progress"})
    void aConversationsResponsesThatHaveNotEndedAreLeftOutOfItsHistory(String status) {
        stored("resp_done", "completed", "conv_1", "done");
        stored("resp_running", status, "conv_1", "not yet");

        PreparedRun next = prepare("{\"model\":\"assistant\",\"input\":\"next\",\"conversation\":\"conv_1\"}");

        assertEquals(List.of("question of resp_done", "done", "next"),
                next.run().conversation().stream().map(StoredHistoryTest::text).toList());
    }

    private static String text(ChatMessage message) {
        if (message instanceof ChatMessage.User user) {
            return user.text();
        }
        return message instanceof ChatMessage.Assistant assistant ? assistant.text() : "";
    }
}
