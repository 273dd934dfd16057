package io.agenthost.model;

import java.util.function.Consumer;

/** A chat model that streams its text as it produces it. */
public interface ModelClient {

    /**
     * Runs one model call.
     *
     * @param textDeltas receives each piece of text as the model produces it, on the calling thread
     * @return the whole reply once the model has finished
     */
    ModelReply complete(ModelRequest request, Consumer<String> textDeltas);

    /**
     * The model's provider as the OpenTelemetry GenAI conventions name it ({@code gen_ai.provider.name}):
     * {@code openai}, {@code azure.ai.openai}, or {@code agent-host.echo} for the offline model.
     */
    String providerName();
}
