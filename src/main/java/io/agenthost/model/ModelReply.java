package io.agenthost.model;

import java.util.List;

/** What a model produced in one call. */
public record ModelReply(String text, List<ToolCall> toolCalls, Usage usage, FinishReason finishReason) {

    public enum FinishReason { STOP, TOOL_CALLS, LENGTH, CONTENT_FILTER }

    public ModelReply {
        toolCalls = List.copyOf(toolCalls);
    }
}
