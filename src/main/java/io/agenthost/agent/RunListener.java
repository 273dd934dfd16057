package io.agenthost.agent;

import io.agenthost.model.ToolCall;

/** Receives what a run produces, as it produces it, in order. */
public interface RunListener {

    /** A piece of the assistant's text; the first one of a message opens that message. */
    void textDelta(String delta);

    /** The message opened by the last deltas is complete with this text. */
    void textDone(String text);

    /** The model called a function tool of the request; the client runs it. */
    void functionCall(ToolCall call);
}
