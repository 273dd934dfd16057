package io.agenthost.model;

import java.util.List;

/** One message of the conversation a model sees, independent of any provider's wire format. */
public sealed interface ChatMessage {

    record System(String text) implements ChatMessage {
    }

    record User(String text) implements ChatMessage {
    }

    /** What the model said before: text, tool calls, or both. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** The output of a tool call, answering the call with the same id. */
    record ToolResult(String callId, String toolName, String output) implements ChatMessage {
    }
}
