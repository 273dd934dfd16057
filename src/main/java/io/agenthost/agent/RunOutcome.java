package io.agenthost.agent;

import io.agenthost.model.Usage;

/**
 * How a run ended.
 *
 * @param incompleteReason why the run stopped short ({@code max_output_tokens}, {@code content_filter},
 *                         {@code max_tool_calls}, or {@code consent_required} when a user's consent is missing), or
 *                         null
 */
public record RunOutcome(String incompleteReason, Usage usage) {

    public boolean complete() {
        return incompleteReason == null;
    }
}
