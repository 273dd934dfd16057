package io.agenthost.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A request whose MCP headers ({@code Mcp-Method}, {@code Mcp-Name}, {@code MCP-Protocol-Version}, ...) read without
 * the whitespace around their values. HTTP excludes it from a field's value (RFC 9110 section 5.5), but the container
 * hands it on, and the SDK's stateless server compares the values with the body's as they are.
 */
final class TrimmedMcpHeaders extends HttpServletRequestWrapper {

    TrimmedMcpHeaders(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getHeader(String name) {
        String value = super.getHeader(name);
        return value != null && isMcp(name) ? value.strip() : value;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Enumeration<String> values = super.getHeaders(name);
        if (values == null || !isMcp(name)) {
            return values;
        }
        List<String> trimmed = Collections.list(values).stream().map(String::strip).toList();
        return Collections.enumeration(trimmed);
    }

    private static boolean isMcp(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith("mcp-");
    }
}
