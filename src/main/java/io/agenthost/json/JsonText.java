package io.agenthost.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks made on JSON text before a parser reads it: that it is UTF-8, and how deep it nests, since a JSON-P reader
 * that recurses would overflow the stack on text that is nothing but brackets.
 */
public final class JsonText {

    /** Deeper than any request or JSON-RPC message of this server needs. */
    public static final int MAX_DEPTH = 64;

    private static final int TOO_DEEP = -2;

    private JsonText() {
    }

    /** The text of a body that must be UTF-8: one that is not is refused, not read with replacement characters. */
    public static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    /** Whether objects and arrays anywhere in the text nest deeper than {@code max}. */
    public static boolean deeperThan(String text, int max) {
        return scan(text, 0, max, false) == TOO_DEEP;
    }

    /**
     * Where the object or array opening at {@code start} closes, or -1 when it does not or nests deeper than
     * {@code max}. Finding the end lets text after the value be refused, which a JSON-P reader would ignore.
     */
    public static int endOfValue(String text, int start, int max) {
        return Math.max(scan(text, start, max, true), -1);
    }

    /**
     * @return with {@code stopAtClose}, the index after the bracket that closes the value opening at {@code start};
     *         {@link #TOO_DEEP} as soon as the nesting passes {@code max}; -1 at the end of the text
     */
    private static int scan(String text, int start, int max, boolean stopAtClose) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return TOO_DEEP;
                }
            } else if ((c == '}' || c == ']') && --depth == 0 && stopAtClose) {
                return i + 1;
            }
        }
        return -1;
    }
}
