package io.agenthost.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AgentRepliesTest {

    @Test
    void aCompletedRunAnswersWithTheTextOfItsLastMessage() {
        CallToolResult result = AgentReplies.of("travel", json("{'id':'resp_1','status':'completed','output':["
                + "{'type':'message','content':[{'type':'output_text','text':'first'}]},"
                + "{'type':'mcp_call','name':'echo','output':'x'},"
                + "{'type':'message','content':[{'type':'output_text','text':'to '},"
                + "{'type':'output_text','text':'Lisbon'}]}]}"));

        assertFalse(result.isError());
        assertEquals("to Lisbon", text(result));
        assertEquals("resp_1", result.meta().get(AgentReplies.RESPONSE_ID));
    }

    @Test
    void aCompletedRunWithoutAMessageIsAnError() {
        CallToolResult result = AgentReplies.of("travel", json("{'id':'resp_1','status':'completed','output':["
                + "{'type':'function_call','name':'f','arguments':'{}'}]}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' finished without a text answer.", text(result));
    }

    @Test
    void aFailedRunIsAnErrorWithTheResponsesMessage() {
        CallToolResult result = AgentReplies.of("travel", json("{'id':'resp_1','status':'failed','output':[],"
                + "'error':{'code':'model_error','message':'the model endpoint failed'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' failed: the model endpoint failed", text(result));
    }

    @Test
    void anIncompleteRunSaysWhyEvenWithPartialText() {
        CallToolResult result = AgentReplies.of("travel", json("{'id':'resp_1','status':'incomplete','output':["
                + "{'type':'message','content':[{'type':'output_text','text':'a b'}]}],"
                + "'incomplete_details':{'reason':'max_output_tokens'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' stopped before finishing its answer (max_output_tokens).", text(result));
    }

    @Test
    void aRunWaitingForConsentGivesTheLinks() {
        CallToolResult result = AgentReplies.of("mail", json("{'id':'resp_1','status':'incomplete','output':["
                + "{'type':'oauth_consent_request','server_label':'graph','consent_link':'https://login.example/c'}],"
                + "'incomplete_details':{'reason':'consent_required'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'mail' needs a user's consent before it can answer. Open graph: https://login.example/c,"
                + " then ask again.", text(result));
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }
}
