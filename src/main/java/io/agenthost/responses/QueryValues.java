package io.agenthost.responses;

/** Query parameters read as the API defines them, with a 400 naming the parameter for anything else. */
public final class QueryValues {

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

    /** The {@code limit} of a list: 1 to 100, 20 when absent. */
    public static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("'limit' must be between 1 and 100.", "limit", "invalid_value");
    }

    /** The {@code order} of a list: {@code asc} or {@code desc}, {@code desc} when absent. */
    public static String order(String value) {
        if (value == null) {
            return "desc";
        }
        if (!value.equals("asc") && !value.equals("desc")) {
            throw ApiException.badRequest("'order' must be 'asc' or 'desc'.", "order", "invalid_value");
        }
        return value;
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
