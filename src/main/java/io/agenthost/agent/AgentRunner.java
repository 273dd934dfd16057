package io.agenthost.agent;

import io.agenthost.model.ChatMessage;
import io.agenthost.model.ModelClient;
import io.agenthost.model.ModelReply;
import io.agenthost.model.ModelRequest;
import io.agenthost.model.ToolCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Runs an agent: puts its instructions before the conversation, calls the model and reports what it produced. */
@ApplicationScoped
public class AgentRunner {

    private final ModelClient model;

    @Inject
    public AgentRunner(ModelClient model) {
        this.model = model;
    }

    /** For CDI proxies only. */
    protected AgentRunner() {
        this.model = null;
    }

    public RunOutcome run(RunRequest run, RunListener listener) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(run.instructions() != null ? run.instructions() : run.agent().instructions()));
        messages.addAll(run.conversation());

        StringBuilder text = new StringBuilder();
        ModelReply reply = model.complete(
                new ModelRequest(run.agent().model(), messages, run.functionTools(), run.toolChoice(), run.maxOutputTokens()),
                delta -> {
                    text.append(delta);
                    listener.textDelta(delta);
                });
        if (text.length() > 0) {
            listener.textDone(text.toString());
        }
        if (reply.finishReason() == ModelReply.FinishReason.LENGTH) {
            return new RunOutcome("max_output_tokens", reply.usage());
        }
        if (reply.finishReason() == ModelReply.FinishReason.CONTENT_FILTER) {
            return new RunOutcome("content_filter", reply.usage());
        }
        for (ToolCall call : reply.toolCalls()) {
            listener.functionCall(call);
        }
        return new RunOutcome(null, reply.usage());
    }
}
