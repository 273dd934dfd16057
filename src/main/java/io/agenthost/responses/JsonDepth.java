package io.agenthost.responses;

/** How deep a JSON body may nest, checked on its text before any parser reads it. */
public final class JsonDepth {

    /** Deeper than any request or JSON-RPC message of this server needs. */
    public static final int MAX = 64;

    private JsonDepth() {
    }

    /**
     * Whether objects and arrays nest deeper than {@link #MAX}, checked before parsing: a JSON-P reader that
     * recurses would otherwise overflow the stack on a body that is nothing but brackets.
     */
    public static boolean exceeds(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ((c == '{' || c == '[') && ++depth > MAX) {
                return true;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
