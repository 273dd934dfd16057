package io.agenthost.agent;

/** The run cannot go on; the response fails with this code and message, which are safe to show the client. */
public class RunFailedException extends RuntimeException {

    private final String code;

    public RunFailedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
