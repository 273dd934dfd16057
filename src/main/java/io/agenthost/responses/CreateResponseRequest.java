package io.agenthost.responses;

import io.agenthost.json.Json;
import io.agenthost.model.ModelSettings;
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
 * @param agentReference the agent reference the body named ({@code agent_reference}, else {@code agent}), as the
 *                       response and its items carry it; null when the agent was named otherwise
 * @param agentSessionId the hosted-agent session the request names ({@code agent_session_id}), or null
 * @param background     whether it runs on after the answer ({@code background}); only for stored responses
 * @param settings       what the model is asked ({@code temperature}, {@code top_p}, {@code text.format}, ...)
 * @param maxToolCalls   the most MCP tool calls of the response ({@code max_tool_calls}), or null
 * @param truncation     {@code disabled} or {@code auto}, as the request said ({@code disabled} when it did not)
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
        boolean background,
        String previousResponseId,
        String conversation,
        JsonObject metadata,
        Integer maxOutputTokens,
        String user,
        JsonObject agentReference,
        String agentSessionId,
        ModelSettings settings,
        Integer maxToolCalls,
        String truncation) {

    public CreateResponseRequest {
        input = List.copyOf(input);
    }

    /** Whether its events are stored as they are sent, for replay. */
    public boolean storesEvents() {
        return store && (stream || background);
    }

    /**
     * A stored request of one user message and no tools of its own, as the HTTP API would read
     * {@code {"model": agentName, "input": text, "conversation": conversation}}: for callers that reach agents by
     * another way than {@code POST /v1/responses}.
     *
     * @param conversation the key of the agent's conversation to continue, or null for none
     */
    public static CreateResponseRequest text(String agentName, String text, String conversation) {
        return new CreateResponseRequest(agentName, new InputItems().normalize(Json.createValue(text)), null,
                new ToolsParser.Tools(List.of(), List.of(), List.of(), JsonValue.EMPTY_JSON_ARRAY), ToolChoice.AUTO,
                Json.createValue("auto"), false, true, false, null, conversation, JsonValue.EMPTY_JSON_OBJECT, null, null, null, null,
                ModelSettings.DEFAULTS, null, "disabled");
    }
}
