package io.agenthost.responses;

/** Query parameters read as the API defines them, with a 400 naming the parameter for anything else. */
final class QueryValues {

    private QueryValues() {
    }

    /** {@code true} or {@code false}; absent is false. */
    static boolean bool(String value, String param) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("'" + param + "' must be true or false.", param, "invalid_type");
    }

    /** A sequence number of a stream: an integer from -1. */
    static int sequenceNumber(String value, String param) {
        try {
            int number = Integer.parseInt(value);
            if (number >= -1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("'" + param + "' must be an integer, the sequence number of an event.", param,
                "invalid_value");
    }
}
