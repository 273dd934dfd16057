package io.agenthost.model;

/** The model could not be reached or answered with an error; the message is safe to show to a client. */
public class ModelException extends RuntimeException {

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
