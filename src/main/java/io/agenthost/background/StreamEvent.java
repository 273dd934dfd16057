package io.agenthost.background;

import io.agenthost.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * One event of a response's stream as it is sent and stored.
 *
 * @param sequence its {@code sequence_number}, from 0
 * @param type     its {@code type}, such as {@code response.output_text.delta}
 * @param data     its JSON, with {@code type} and {@code sequence_number}
 */
public record StreamEvent(int sequence, String type, String data) {

    /** An event of this type whose JSON is {@code type}, {@code sequence_number} and then the fields. */
    public static StreamEvent of(int sequence, String type, JsonObjectBuilder fields) {
        return new StreamEvent(sequence, type, Json.createObjectBuilder().add("type", type)
                .add("sequence_number", sequence).addAll(fields).build().toString());
    }

    /** The event that ends the stream of a response that ended with this status. */
    public static String terminalType(String status) {
        return switch (status) {
            case "completed" -> "response.completed";
            case "incomplete" -> "response.incomplete";
            default -> "response.failed";
        };
    }

    /** Whether it ends its stream: the stream of a response ends with exactly one such event. */
    public boolean terminal() {
        return isTerminal(type);
    }

    public static boolean isTerminal(String type) {
        return type.equals("response.completed") || type.equals("response.incomplete")
                || type.equals("response.failed") || type.equals("error");
    }
}
