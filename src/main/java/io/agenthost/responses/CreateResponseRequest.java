package io.agenthost.responses;

import io.agenthost.model.ToolChoice;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A validated {@code POST /v1/responses} body.
 *
 * @param agentName     who should run it: the agent reference, else {@code model}, else {@code metadata.entity_id}
 * @param input         the new input items, normalized (string input is one user message)
 * @param tools          the request's function tools, MCP servers and toolbox markers
 * @param toolChoiceJson the request's tool choice as the response echoes it
 */
public record CreateResponseRequest(
        String agentName,
        List<JsonObject> input,
        String instructions,
        ToolsParser.Tools tools,
        ToolChoice toolChoice,
        JsonValue toolChoiceJson,
        boolean stream,
        boolean store,
        String previousResponseId,
        String conversation,
        JsonObject metadata,
        Integer maxOutputTokens,
        String user) {

    public CreateResponseRequest {
        input = List.copyOf(input);
    }
}
