package io.agenthost.endpoint;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What an MCP client gets back from an agent's run: the text of its last message, or an error that says why there
 * is none. The calling model only sees this text, so every error names the agent and what to do about it.
 */
final class AgentReplies {

    /** The {@code _meta} key of the stored response's id, by which the run can be read on {@code /v1/responses}. */
    static final String RESPONSE_ID = "io.agenthost/response_id";

    private AgentReplies() {
    }

    /** @param response a response object as {@code POST /v1/responses} answers it */
    static AgentReply of(String agent, JsonObject response) {
        String status = response.getString("status", "");
        String text = lastMessageText(response);
        String id = response.getString("id", null);
        if ("completed".equals(status) && text != null) {
            return new AgentReply(text, false, id);
        } else if ("completed".equals(status)) {
            return new AgentReply("Agent '" + agent + "' finished without a text answer.", true, id);
        } else if ("failed".equals(status)) {
            return new AgentReply("Agent '" + agent + "' failed: " + errorMessage(response), true, id);
        } else if ("incomplete".equals(status)) {
            return new AgentReply(incomplete(agent, response), true, id);
        }
        return new AgentReply("Agent '" + agent + "' ended in an unexpected state: " + status + ".", true, id);
    }

    private static String incomplete(String agent, JsonObject response) {
        List<String> links = new ArrayList<>();
        for (JsonObject item : items(response)) {
            if ("oauth_consent_request".equals(item.getString("type", ""))) {
                links.add(item.getString("server_label", "?") + ": " + item.getString("consent_link", ""));
            }
        }
        if (!links.isEmpty()) {
            return "Agent '" + agent + "' needs a user's consent before it can answer. Open "
                    + String.join(", ", links) + ", then ask again.";
        }
        JsonValue details = response.get("incomplete_details");
        String reason = details instanceof JsonObject d ? d.getString("reason", "unknown") : "unknown";
        return "Agent '" + agent + "' stopped before finishing its answer (" + reason + ").";
    }

    private static String errorMessage(JsonObject response) {
        JsonValue error = response.get("error");
        return error instanceof JsonObject e ? e.getString("message", "no details") : "no details";
    }

    private static String lastMessageText(JsonObject response) {
        String text = null;
        for (JsonObject item : items(response)) {
            if ("message".equals(item.getString("type", "")) && item.get("content") instanceof JsonArray parts) {
                StringBuilder joined = new StringBuilder();
                for (JsonValue part : parts) {
                    if (part instanceof JsonObject p && "output_text".equals(p.getString("type", ""))) {
                        joined.append(p.getString("text", ""));
                    }
                }
                text = joined.toString();
            }
        }
        return text;
    }

    private static List<JsonObject> items(JsonObject response) {
        List<JsonObject> items = new ArrayList<>();
        if (response.get("output") instanceof JsonArray output) {
            for (JsonValue item : output) {
                if (item instanceof JsonObject o) {
                    items.add(o);
                }
            }
        }
        return items;
    }
}
