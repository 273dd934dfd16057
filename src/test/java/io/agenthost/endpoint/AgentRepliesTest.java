package io.agenthost.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AgentRepliesTest {

    @Test
    void aCompletedRunAnswersWithTheTextOfItsLastMessage() {
        AgentReply result = AgentReplies.of("travel", json("{'id':'resp_1','status':'completed','output':["
                + "{'type':'message','content':[{'type':'output_text','text':'first'}]},"
                + "{'type':'mcp_call','name':'echo','output':'x'},"
                + "{'type':'message','content':[{'type':'output_text','text':'to '},"
                + "{'type':'output_text','text':'Lisbon'}]}]}"));

        assertFalse(result.isError());
        assertEquals("to Lisbon", result.text());
        assertEquals("resp_1", result.responseId());
    }

    @Test
    void aCompletedRunWithoutAMessageIsAnError() {
        AgentReply result = AgentReplies.of("travel", json("{'id':'resp_1','status':'completed','output':["
                + "{'type':'function_call','name':'f','arguments':'{}'}]}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' finished without a text answer.", result.text());
    }

    @Test
    void aFailedRunIsAnErrorWithTheResponsesMessage() {
        AgentReply result = AgentReplies.of("travel", json("{'id':'resp_1','status':'failed','output':[],"
                + "'error':{'code':'model_error','message':'the model endpoint failed'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' failed: the model endpoint failed", result.text());
    }

    @Test
    void anIncompleteRunSaysWhyEvenWithPartialText() {
        AgentReply result = AgentReplies.of("travel", json("{'id':'resp_1','status':'incomplete','output':["
                + "{'type':'message','content':[{'type':'output_text','text':'a b'}]}],"
                + "'incomplete_details':{'reason':'max_output_tokens'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'travel' stopped before finishing its answer (max_output_tokens).", result.text());
    }

    @Test
    void aRunWaitingForConsentGivesTheLinks() {
        AgentReply result = AgentReplies.of("mail", json("{'id':'resp_1','status':'incomplete','output':["
                + "{'type':'oauth_consent_request','server_label':'graph','consent_link':'https://login.example/c'}],"
                + "'incomplete_details':{'reason':'consent_required'}}"));

        assertTrue(result.isError());
        assertEquals("Agent 'mail' needs a user's consent before it can answer. Open graph: https://login.example/c,"
                + " then ask again.", result.text());
    }

    private static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }
}
