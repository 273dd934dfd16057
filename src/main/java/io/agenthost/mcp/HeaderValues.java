package io.agenthost.mcp;

/**
 * What an HTTP header field value may hold (RFC 9110, section 5.5): visible ASCII and obs-text, with spaces and tabs
 * only between them. The JDK's HTTP client refuses anything else with an exception that quotes the whole value, so a
 * credential must be checked here, before it can reach the client and from there an error message.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static boolean isFieldValue(String value) {
        if (value == null) {
            return false;
        }
        int last = value.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = value.charAt(i);
            boolean visible = c >= 0x21 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
            boolean inside = (c == ' ' || c == '\t') && i > 0 && i < last;
            if (!visible && !inside) {
                return false;
            }
        }
        return true;
    }
}
