package io.agenthost.oauth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The challenges of {@code WWW-Authenticate} answers (RFC 9110 §11.6.1): a scheme followed by a token68 or by
 * comma-separated {@code name=value} parameters, several challenges per header and several headers per answer. The
 * text comes from a remote server, so anything malformed ends the parse rather than being guessed at.
 */
public final class WwwAuthenticate {

    /** @param params parameter names in lower case, values unquoted; a repeated parameter keeps its first value */
    public record Challenge(String scheme, Map<String, String> params) {

        public Challenge {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public Optional<String> param(String name) {
            return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Bounds the work a hostile header can cause; real challenges are a few hundred characters. */
    static final int MAX_CHARS = 8192;

    private final String text;
    private int at;

    private WwwAuthenticate(String text) {
        this.text = text;
    }

    public static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null && value.length() <= MAX_CHARS) {
                new WwwAuthenticate(value).challenges(challenges);
            }
        }
        return challenges;
    }

    /**
     * The first challenge for an OAuth access token, {@code Bearer} (RFC 6750 §3) or {@code DPoP} (RFC 9449 §7.1):
     * the one that may name the resource metadata (RFC 9728 §5.1), the scope and the error.
     */
    public static Optional<Challenge> tokenChallenge(List<String> headerValues) {
        return tokenChallenge(parse(headerValues));
    }

    /** Whether the token challenge says {@code insufficient_scope}: the token lacks a scope (RFC 6750 §3.1). */
    public static boolean insufficientScope(List<String> headerValues) {
        return tokenChallenge(headerValues).flatMap(c -> c.param("error")).filter("insufficient_scope"::equals)
                .isPresent();
    }

    static Optional<Challenge> tokenChallenge(Collection<Challenge> parsed) {
        return parsed.stream().filter(c -> c.scheme().equalsIgnoreCase("Bearer") || c.scheme().equalsIgnoreCase("DPoP"))
                .findFirst();
    }

    private void challenges(List<Challenge> into) {
        while (true) {
            skip(" \t,");
            if (at >= text.length()) {
                return;
            }
            String scheme = token();
            if (scheme.isEmpty()) {
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            skip(" \t");
            if (!token68() && !params(params)) {
                into.add(new Challenge(scheme, params));
                return;
            }
            into.add(new Challenge(scheme, params));
        }
    }

    /** Consumes a token68 credential if one comes next (it is of no use here, but must not be read as a parameter). */
    private boolean token68() {
        int start = at;
        while (at < text.length() && isToken68(text.charAt(at))) {
            at++;
        }
        if (at == start) {
            return false;
        }
        while (at < text.length() && text.charAt(at) == '=') {
            at++;
        }
        skip(" \t");
        if (at >= text.length() || text.charAt(at) == ',') {
            return true;
        }
        at = start;
        return false;
    }

    /** Reads parameters; false when the text is malformed and parsing must stop. */
    private boolean params(Map<String, String> into) {
        while (true) {
            int mark = at;
            // Lists may hold empty elements (RFC 9110 §5.6.1): "a=1,,b=2" is two parameters.
            skip(" \t,");
            String name = token();
            skip(" \t");
            if (name.isEmpty() || at >= text.length() || text.charAt(at) != '=') {
                // Not a parameter: the next challenge's scheme, or the end.
                at = mark;
                return true;
            }
            at++;
            skip(" \t");
            String value;
            if (at < text.length() && text.charAt(at) == '"') {
                value = quoted();
                if (value == null) {
                    return false;
                }
            } else {
                value = token();
            }
            into.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            skip(" \t");
            if (at >= text.length()) {
                return true;
            }
            if (text.charAt(at) != ',') {
                return false;
            }
            at++;
        }
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    return null;
                }
                c = text.charAt(at++);
            }
            value.append(c);
        }
        return null;
    }

    private String token() {
        int start = at;
        while (at < text.length() && isTchar(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    private void skip(String chars) {
        while (at < text.length() && chars.indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private static boolean isTchar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static boolean isToken68(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-._~+/".indexOf(c) >= 0);
    }
}
