package io.agenthost.agent;

import io.agenthost.model.Usage;

/**
 * How a run ended.
 *
 * @param incompleteReason why the run stopped short ({@code max_output_tokens}, {@code content_filter}), or null
 */
public record RunOutcome(String incompleteReason, Usage usage) {

    public boolean complete() {
        return incompleteReason == null;
    }
}
