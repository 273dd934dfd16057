package io.agenthost.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agenthost.agent.ApprovalDecision;
import io.agenthost.model.ChatMessage;
import io.agenthost.model.ToolCall;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final JsonObject USER = item("{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"weather?\"}]}");
    private static final JsonObject ANSWER = item("{\"type\":\"message\",\"id\":\"msg_2\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"let me see\"}]}");
    private static final JsonObject CALL = item("{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\","
            + "\"name\":\"get_weather\",\"arguments\":\"{}\"}");
    private static final JsonObject OUTPUT = item("{\"type\":\"function_call_output\",\"id\":\"fco_1\","
            + "\"call_id\":\"call_1\",\"output\":\"sunny\"}");

    @Test
    void callsJoinTheAssistantMessageBeforeThemAndOutputsCarryTheToolName() {
        List<ChatMessage> messages = History.toMessages(List.of(USER, ANSWER, CALL), List.of(OUTPUT));

        assertEquals(List.of(
                new ChatMessage.User("weather?"),
                new ChatMessage.Assistant("let me see", List.of(new ToolCall("call_1", "get_weather", "{}"))),
                new ChatMessage.ToolResult("call_1", "get_weather", "sunny")), messages);
    }

    @Test
    void anOutputForAnUnknownCallIsRefused() {
        ApiException error = assertThrows(ApiException.class, () -> History.toMessages(List.of(USER), List.of(OUTPUT)));

        assertEquals("input[0].call_id", error.toJson().getJsonObject("error").getString("param"));
    }

    @Test
    void aCallLeftWithoutItsOutputIsRefused() {
        ApiException error = assertThrows(ApiException.class,
                () -> History.toMessages(List.of(USER, CALL), List.of(USER)));

        assertEquals(400, error.status());
        assertEquals("input", error.toJson().getJsonObject("error").getString("param"));
    }

    @Test
    void anApprovalForARequestThatWasNeverMadeIsRefused() {
        JsonObject approval = item("{\"type\":\"mcp_approval_response\",\"id\":\"mcpr_1\","
                + "\"approval_request_id\":\"mcpr_unknown\",\"approve\":true}");

        ApiException error = assertThrows(ApiException.class,
                () -> History.approvals(List.of(USER), List.of(approval)));

        assertEquals("input[0].approval_request_id", error.toJson().getJsonObject("error").getString("param"));
    }

    @Test
    void anApprovalAnswerCarriesTheCallOfItsRequest() {
        JsonObject request = item("{\"type\":\"mcp_approval_request\",\"id\":\"mcpr_1\",\"server_label\":\"files\","
                + "\"name\":\"delete\",\"arguments\":\"{\\\"path\\\":\\\"a\\\"}\"}");
        JsonObject denial = item("{\"type\":\"mcp_approval_response\",\"approval_request_id\":\"mcpr_1\","
                + "\"approve\":false}");

        assertEquals(List.of(new ApprovalDecision("mcpr_1", "files", "delete", "{\"path\":\"a\"}", false)),
                History.approvals(List.of(USER, request), List.of(denial)));
        assertEquals(List.of(), History.approvals(List.of(USER, request), List.of(USER)));
    }

    private static JsonObject item(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
