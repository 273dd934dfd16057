package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.agent.Agent;
import io.agenthost.agent.AgentCatalog;
import io.agenthost.background.MemoryEvents;
import io.agenthost.mcp.ServerUrlPolicy;
import io.agenthost.model.ChatMessage;
import io.agenthost.store.ResponseRecord;
import io.agenthost.telemetry.AgentTelemetry;
import io.agenthost.testing.TestAgents;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Sessions are bound to their agent on every path into a run: previous responses, conversations and approvals,
 * with two agents ({@code assistant}, a bean, and {@code travel}, configured). No model runs: every check happens
 * while the run is prepared.
 */
class AgentSessionsTest {

    static final Agent ASSISTANT = TestAgents.ASSISTANT;

    static final Map<String, String> TRAVEL = Map.of("agent.configured", "travel",
            "agent.travel.instructions", "You plan trips.");

    private static final JsonObject APPROVAL_REQUEST = Json.createObjectBuilder().add("type", "mcp_approval_request")
            .add("id", "mcpr_secret").add("server_label", "ev").add("name", "echo").add("arguments", "{}").build();

    private MemoryResponses store = MemoryResponses.keyedByAgent();
    /** Who calls: null for an anonymous caller. */
    private final AtomicReference<String> caller = new AtomicReference<>();
    private ResponseService service = service(store);

    static AgentCatalog twoAgents() {
        return new AgentCatalog(List.of(ASSISTANT), key -> Optional.ofNullable(TRAVEL.get(key)));
    }

    private ResponseService service(MemoryResponses store) {
        return new ResponseService(twoAgents(), null, store, null, caller::get, Optional.empty(), Duration.ZERO,
                AgentTelemetry.disabled());
    }

    private PreparedRun prepare(String body) {
        return service.prepare(new RequestParser(new ServerUrlPolicy(false)).parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Prepares a stored response and records it as completed with the given output. */
    private String respond(String body, JsonObject... output) {
        PreparedRun prepared = prepare(body);
        store.insert(prepared.record());
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (JsonObject item : output) {
            items.add(item);
        }
        JsonObject json = Json.createObjectBuilder(prepared.response().toJson())
                .add("status", "completed").add("output", items).build();
        store.finish(prepared.response().id(), "completed", json.toString());
        return prepared.response().id();
    }

    private static JsonObject answer(String text) {
        return Json.createObjectBuilder().add("type", "message").add("id", "msg_" + text.hashCode())
                .add("role", "assistant").add("content", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "output_text").add("text", text)))
                .build();
    }

    private static List<String> texts(PreparedRun prepared) {
        return prepared.run().conversation().stream().map(AgentSessionsTest::text).toList();
    }

    private static String text(ChatMessage message) {
        if (message instanceof ChatMessage.User user) {
            return user.text();
        }
        return message instanceof ChatMessage.Assistant assistant ? assistant.text() : "";
    }

    static void assertMismatch(ApiException e, String param, String owner, String caller) {
        JsonObject error = e.toJson().getJsonObject("error");
        assertEquals(409, e.status());
        assertEquals("agent_mismatch", error.getString("code"));
        assertEquals(param, error.getString("param"));
        assertTrue(error.getString("message").contains("'" + owner + "'"), error.toString());
        assertTrue(error.getString("message").contains("'" + caller + "'"), error.toString());
        assertFalse(error.toString().contains("secret"), error.toString());
    }

    @Test
    void anotherAgentsPreviousResponseIsRefusedAndNothingIsRecorded() {
        String id = respond("{\"model\":\"assistant\",\"input\":\"my secret plan\"}", answer("secret answer"));
        int before = store.size();

        ApiException e = assertThrows(ApiException.class,
                () -> prepare("{\"model\":\"travel\",\"input\":\"go on\",\"previous_response_id\":\"" + id + "\"}"));

        assertMismatch(e, "previous_response_id", "assistant", "travel");
        assertEquals(before, store.size());
    }

    @Test
    void anotherCallersResponseIsNotFoundWhereverItIsNamed() {
        caller.set("alice");
        String id = respond("{\"model\":\"travel\",\"input\":\"my secret plan\"}", answer("secret answer"));
        StoredResponses stored = new StoredResponses(twoAgents(), store, caller::get, new MemoryEvents());
        caller.set("bob");

        ApiException chained = assertThrows(ApiException.class,
                () -> prepare("{\"model\":\"travel\",\"input\":\"go on\",\"previous_response_id\":\"" + id + "\"}"));
        ApiException read = assertThrows(ApiException.class, () -> stored.retrieve(id, "travel"));
        ApiException deleted = assertThrows(ApiException.class, () -> stored.delete(id, "travel"));
        caller.set(null);
        ApiException anonymous = assertThrows(ApiException.class, () -> stored.retrieve(id, "assistant"));

        assertEquals("previous_response_not_found", chained.toJson().getJsonObject("error").getString("code"));
        for (ApiException e : List.of(chained, read, deleted, anonymous)) {
            assertEquals(404, e.status());
            assertFalse(e.toJson().toString().contains("secret"), e.toJson().toString());
        }
        caller.set("alice");
        assertEquals(id, stored.retrieve(id, "travel").asJsonObject().getString("id"));
    }

    @Test
    void aConversationIdIsAKeyUnderEachCaller() {
        caller.set("alice");
        respond("{\"model\":\"travel\",\"input\":\"alice's secret\",\"conversation\":\"conv_users\"}",
                answer("noted"));
        caller.set("bob");

        assertEquals(List.of("hello"),
                texts(prepare("{\"model\":\"travel\",\"input\":\"hello\",\"conversation\":\"conv_users\"}")));
        caller.set("alice");
        assertEquals(List.of("alice's secret", "noted", "again"),
                texts(prepare("{\"model\":\"travel\",\"input\":\"again\",\"conversation\":\"conv_users\"}")));
    }

    @Test
    void theOwnerContinuesItsResponseWhateverTheCaseOfItsName() {
        String id = respond("{\"model\":\"travel\",\"input\":\"to Rome\"}", answer("Rome it is"));

        PreparedRun next = prepare("{\"model\":\"TRAVEL\",\"input\":\"when\",\"previous_response_id\":\"" + id + "\"}");

        assertEquals(List.of("to Rome", "Rome it is", "when"), texts(next));
        assertEquals("travel", next.run().agent().name());
    }

    @Test
    void aConversationIdIsAKeyUnderEachAgent() {
        respond("{\"model\":\"assistant\",\"input\":\"secret one\",\"conversation\":\"conv_shared\"}",
                answer("secret two"));

        PreparedRun travel = prepare("{\"model\":\"travel\",\"input\":\"hello\",\"conversation\":\"conv_shared\"}");
        assertEquals(List.of("hello"), texts(travel));

        respond("{\"model\":\"travel\",\"input\":\"first\",\"conversation\":\"conv_shared\"}", answer("first"));
        assertEquals(List.of("first", "first", "again"),
                texts(prepare("{\"model\":\"travel\",\"input\":\"again\",\"conversation\":\"conv_shared\"}")));
        assertEquals(List.of("secret one", "secret two", "mine"),
                texts(prepare("{\"model\":\"assistant\",\"input\":\"mine\",\"conversation\":\"conv_shared\"}")));
    }

    @Test
    void aKeyThatLooksLikeAnotherAgentsIdIsOnlyAKey() {
        String id = respond("{\"model\":\"assistant\",\"input\":\"secret\",\"conversation\":\"conv_a\"}",
                answer("secret"));

        for (String key : List.of(id, "assistant:conv_a", "assistant/conv_a", "conv_a@assistant")) {
            PreparedRun run = prepare("{\"model\":\"travel\",\"input\":\"x\",\"conversation\":\"" + key + "\"}");
            assertEquals(List.of("x"), texts(run), key);
        }
    }

    @Test
    void anApprovalOfAnotherAgentsRequestIsRefused() {
        String asking = respond("{\"model\":\"assistant\",\"input\":\"secret call\",\"conversation\":\"conv_ap\"}",
                APPROVAL_REQUEST);
        String approve = "\"input\":[{\"type\":\"mcp_approval_response\",\"approval_request_id\":\"mcpr_secret\","
                + "\"approve\":true}]";

        ApiException chained = assertThrows(ApiException.class, () -> prepare(
                "{\"model\":\"travel\",\"previous_response_id\":\"" + asking + "\"," + approve + "}"));
        assertMismatch(chained, "previous_response_id", "assistant", "travel");

        ApiException byConversation = assertThrows(ApiException.class, () -> prepare(
                "{\"model\":\"travel\",\"conversation\":\"conv_ap\"," + approve + "}"));
        assertEquals(400, byConversation.status());
        assertEquals("input[0].approval_request_id",
                byConversation.toJson().getJsonObject("error").getString("param"));

        String own = respond("{\"model\":\"travel\",\"input\":\"mine\"}", answer("mine"));
        ApiException viaOwn = assertThrows(ApiException.class, () -> prepare(
                "{\"model\":\"travel\",\"previous_response_id\":\"" + own + "\"," + approve + "}"));
        assertEquals(400, viaOwn.status());

        PreparedRun owner = prepare("{\"model\":\"assistant\",\"previous_response_id\":\"" + asking + "\"," + approve + "}");
        assertEquals("mcpr_secret", owner.run().approvals().get(0).approvalRequestId());
    }

    @Test
    void whereARunIsDispatchedAConversationHoldingAnotherAgentsResponseIsRefused() {
        store = MemoryResponses.ignoringAgents();
        service = service(store);
        respond("{\"model\":\"assistant\",\"input\":\"secret\",\"conversation\":\"conv_leaky\"}", answer("secret"));
        int before = store.size();

        ApiException e = assertThrows(ApiException.class,
                () -> prepare("{\"model\":\"travel\",\"input\":\"x\",\"conversation\":\"conv_leaky\"}"));

        assertMismatch(e, "conversation", "assistant", "travel");
        assertEquals(before, store.size());
    }

    @Test
    void whereARunIsDispatchedAChainReachingAnotherAgentsResponseIsRefused() {
        String foreign = respond("{\"model\":\"assistant\",\"input\":\"secret\"}", answer("secret"));
        String forged = "resp_forged";
        store.insert(new ResponseRecord(forged, "travel", null, null, foreign, "completed", 0, 0,
                "{\"output\":[]}", "[]"));

        ApiException e = assertThrows(ApiException.class,
                () -> prepare("{\"model\":\"travel\",\"input\":\"x\",\"previous_response_id\":\"" + forged + "\"}"));

        assertMismatch(e, "previous_response_id", "assistant", "travel");
    }

    @Test
    void theDispatchCheckMatchesAgentNamesWithoutRegardToCase() {
        store.insert(new ResponseRecord("resp_upper", "TRAVEL", null, null, null, "completed", 0, 0,
                "{\"output\":[]}", "[]"));

        assertDoesNotThrow(() -> prepare("{\"model\":\"travel\",\"input\":\"x\",\"previous_response_id\":\"resp_upper\"}"));
    }
}
