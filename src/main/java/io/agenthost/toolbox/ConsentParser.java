package io.agenthost.toolbox;

import io.agenthost.json.Json;
import io.agenthost.json.JsonText;
import io.agenthost.mcp.McpServerError;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a JSON-RPC error that asks the user for OAuth consent (DESIGN §8) and extracts the consent links.
 *
 * <p>The error comes from a remote server and the links end up in front of a user, so the parser only says "consent"
 * when the whole error clearly is one: every part it looks at must be well formed and every link must be an https
 * address with a host. Anything else, including an error that is only partly a consent requirement, is an ordinary
 * tool error and the answer is {@link Optional#empty()}. It never throws.
 *
 * <p>Four shapes are recognised:
 * <ul>
 * <li>code {@value #CONSENT_REQUIRED} from the toolbox proxy, whose {@code message} is a prefix followed by
 * {@code {"errors":[{"type":...,"name":<source>,"error":{"code":"CONSENT_REQUIRED","message":<link>}}, ...]}};</li>
 * <li>code {@value #CONSENT_REQUIRED} with the link in {@code data} as {@code consentUrl}, {@code consent_url} or
 * {@code consentLink}, the source in {@code data.name} or {@code data.source};</li>
 * <li>code {@value #CALL_CONSENT_REQUIRED} from a call through the proxy: the first shape, or a {@code message}
 * that is the link or ends with it;</li>
 * <li>code {@value #URL_ELICITATION_REQUIRED} (MCP 2025-11-25 {@code URLElicitationRequiredError}), whose
 * {@code data.elicitations} lists {@code {"mode":"url","url":<link>,...}} entries for the server itself.</li>
 * </ul>
 */
public final class ConsentParser {

    /** The toolbox proxy's code for "a source of this toolbox needs the user's consent". */
    public static final int CONSENT_REQUIRED = -32006;

    /**
     * The toolbox proxy's code for "this call needs the user's consent", answered to {@code tools/call} on the hosted
     * agent platform, with the link as the {@code message} (or the proxy's usual payload).
     */
    public static final int CALL_CONSENT_REQUIRED = -32007;

    /** MCP's {@code URLElicitationRequiredError}: the user must visit a URL before the request can succeed. */
    public static final int URL_ELICITATION_REQUIRED = McpServerError.URL_ELICITATION_REQUIRED;

    /** A consent error is a few hundred bytes; beyond this it is not worth the parsing it would take. */
    static final int MAX_INPUT_CHARS = 64 * 1024;

    /** Browsers and proxies commonly stop at about this length; a longer link is more likely an attack than a URL. */
    static final int MAX_LINK_CHARS = 2048;

    static final int MAX_SOURCE_CHARS = 256;

    /** The shapes above are four levels deep; the limit bounds the work a hostile payload can cause. */
    static final int MAX_DEPTH = 32;

    /** Each link becomes an item shown to the user; a toolbox with more sources than this is not plausible. */
    static final int MAX_LINKS = 64;

    private static final String ERROR_CODE = "CONSENT_REQUIRED";
    private static final List<String> DATA_LINK_KEYS = List.of("consentUrl", "consent_url", "consentLink");

    /** A payload with a repeated key means different things to different readers, so it is refused outright. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private ConsentParser() {
    }

    /** Links the error does not attribute to a source cannot be named, so without a label they are not consent. */
    public static Optional<List<ConsentLink>> parse(McpServerError error) {
        return parse(null, error);
    }

    /**
     * @param source the label of the server that answered: the source of links the error does not attribute itself
     */
    public static Optional<List<ConsentLink>> parse(String source, McpServerError error) {
        if (error == null) {
            return Optional.empty();
        }
        return parse(source, error.code(), error.errorMessage(), error.dataJson());
    }

    public static Optional<List<ConsentLink>> parse(int code, String message, String dataJson) {
        return parse(null, code, message, dataJson);
    }

    /**
     * @param source the label of the server that answered: the source of links the error does not attribute itself
     *     (a {@code data} link without {@code name}/{@code source}, a URL elicitation); may be null
     * @param dataJson the error's {@code data} as JSON, or null
     */
    public static Optional<List<ConsentLink>> parse(String source, int code, String message, String dataJson) {
        if (code == URL_ELICITATION_REQUIRED) {
            return parseUrlElicitation(source, dataJson);
        }
        if (code == CALL_CONSENT_REQUIRED) {
            return parseCallConsent(source, message, dataJson);
        }
        if (code != CONSENT_REQUIRED) {
            return Optional.empty();
        }
        try {
            return consentRequired(source, message, dataJson);
        } catch (RuntimeException notConsent) {
            return Optional.empty();
        }
    }

    /**
     * A call's consent error: the proxy's usual payload if that is what it holds, else a message that is the link, or
     * ends with it after a sentence ({@code "Consent required: https://..."}), for {@code source}.
     */
    private static Optional<List<ConsentLink>> parseCallConsent(String source, String message, String dataJson) {
        try {
            Optional<List<ConsentLink>> asUsual = consentRequired(source, message, dataJson);
            if (asUsual.isPresent()) {
                return asUsual;
            }
        } catch (RuntimeException notThatShape) {
            // then the message is the link
        }
        String label = source(source);
        if (label == null || message == null || message.length() > MAX_LINK_CHARS + 256) {
            return Optional.empty();
        }
        String[] words = message.strip().split("\\s+");
        String link = validLink(words[words.length - 1]);
        return link == null ? Optional.empty() : Optional.of(List.of(new ConsentLink(label, link)));
    }

    /**
     * The links of a {@code URLElicitationRequiredError}'s {@code data}: one per elicitation, all for {@code source}.
     */
    public static Optional<List<ConsentLink>> parseUrlElicitation(String source, String dataJson) {
        try {
            String label = source(source);
            JsonObject data = dataObject(dataJson);
            if (label == null || data == null) {
                return Optional.empty();
            }
            JsonArray elicitations = entries(data.get("elicitations"));
            Set<ConsentLink> links = new LinkedHashSet<>();
            for (JsonValue value : elicitations) {
                JsonObject elicitation = object(value);
                if (!"url".equals(string(elicitation.get("mode")))) {
                    throw NotConsent.INSTANCE;
                }
                links.add(new ConsentLink(label, link(elicitation.get("url"))));
            }
            return result(links);
        } catch (RuntimeException notConsent) {
            return Optional.empty();
        }
    }

    private static Optional<List<ConsentLink>> consentRequired(String source, String message, String dataJson) {
        Set<ConsentLink> links = new LinkedHashSet<>();
        if (message != null) {
            if (message.length() > MAX_INPUT_CHARS) {
                return Optional.empty();
            }
            JsonObject payload = proxyPayload(message);
            if (payload != null) {
                proxyLinks(payload, links);
            }
        }
        JsonObject data = dataObject(dataJson);
        if (data != null) {
            dataLinks(source, data, links);
        }
        return result(links);
    }

    /**
     * The proxy's JSON, which starts at the message's first brace. A message whose text from there is not one JSON
     * object with {@code errors} (within {@link #MAX_DEPTH}) carries no proxy payload: it may be plain prose, and then only {@code data} can
     * make the error a consent requirement.
     */
    private static JsonObject proxyPayload(String message) {
        int start = message.indexOf('{');
        if (start < 0) {
            return null;
        }
        int end = JsonText.endOfValue(message, start, MAX_DEPTH);
        if (end < 0 || !onlyWhitespace(message, end)) {
            return null;
        }
        JsonObject payload = read(message.substring(start, end));
        return payload != null && payload.containsKey("errors") ? payload : null;
    }

    /** Every entry must be a consent requirement: a toolbox with one source failing otherwise cannot be fixed by consent. */
    private static void proxyLinks(JsonObject payload, Set<ConsentLink> links) {
        for (JsonValue value : entries(payload.get("errors"))) {
            JsonObject entry = object(value);
            // The entry's type is not read: the proxy fronts new kinds of source (mcp, a2a_preview, ...) over time.
            String name = source(string(entry.get("name")));
            JsonObject error = object(entry.get("error"));
            if (name == null || !ERROR_CODE.equals(string(error.get("code")))) {
                throw NotConsent.INSTANCE;
            }
            links.add(new ConsentLink(name, link(error.get("message"))));
        }
    }

    private static void dataLinks(String defaultSource, JsonObject data, Set<ConsentLink> links) {
        Set<String> found = new LinkedHashSet<>();
        for (String key : DATA_LINK_KEYS) {
            if (data.containsKey(key)) {
                found.add(link(data.get(key)));
            }
        }
        if (found.isEmpty()) {
            return;
        }
        String source;
        if (data.containsKey("name")) {
            source = source(string(data.get("name")));
        } else if (data.containsKey("source")) {
            source = source(string(data.get("source")));
        } else {
            source = source(defaultSource);
        }
        if (source == null) {
            throw NotConsent.INSTANCE;
        }
        for (String link : found) {
            links.add(new ConsentLink(source, link));
        }
    }

    /**
     * The error's {@code data} when it is an object, null when it is absent or another kind of value. The MCP client
     * wrote this JSON itself, so a {@code data} that cannot be read is an anomaly and the error is not consent.
     */
    private static JsonObject dataObject(String dataJson) {
        if (dataJson == null) {
            return null;
        }
        if (dataJson.length() > MAX_INPUT_CHARS) {
            throw NotConsent.INSTANCE;
        }
        int start = 0;
        while (start < dataJson.length() && isJsonWhitespace(dataJson.charAt(start))) {
            start++;
        }
        if (start == dataJson.length() || dataJson.charAt(start) != '{') {
            return null;
        }
        int end = JsonText.endOfValue(dataJson, start, MAX_DEPTH);
        if (end < 0 || !onlyWhitespace(dataJson, end)) {
            throw NotConsent.INSTANCE;
        }
        JsonObject data = read(dataJson.substring(start, end));
        if (data == null) {
            throw NotConsent.INSTANCE;
        }
        return data;
    }

    private static boolean onlyWhitespace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!isJsonWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static JsonArray entries(JsonValue value) {
        if (!(value instanceof JsonArray)) {
            throw NotConsent.INSTANCE;
        }
        JsonArray array = (JsonArray) value;
        if (array.isEmpty() || array.size() > MAX_LINKS) {
            throw NotConsent.INSTANCE;
        }
        return array;
    }

    private static JsonObject object(JsonValue value) {
        if (!(value instanceof JsonObject)) {
            throw NotConsent.INSTANCE;
        }
        return (JsonObject) value;
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }

    private static Optional<List<ConsentLink>> result(Set<ConsentLink> links) {
        if (links.isEmpty() || links.size() > MAX_LINKS) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(links));
    }

    /**
     * A source name is shown to the user and logged, so it must be printable and of a sensible length; null when
     * it is not.
     */
    static String source(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_SOURCE_CHARS) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return null;
            }
        }
        return name;
    }

    private static String link(JsonValue value) {
        String link = validLink(string(value));
        if (link == null) {
            throw NotConsent.INSTANCE;
        }
        return link;
    }

    /**
     * The link unchanged when the user may be sent to it, else null. Only printable ASCII is accepted: an
     * internationalised host arrives punycoded, and any other character (spaces, controls, bidirectional marks)
     * could make the link look like somewhere it does not go. User information is refused for the same reason
     * ({@code https://login.example@attacker.example/}).
     */
    static String validLink(String link) {
        if (link == null || link.isEmpty() || link.length() > MAX_LINK_CHARS) {
            return null;
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return null;
            }
        }
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException malformed) {
            return null;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque() || uri.getHost() == null
                || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            return null;
        }
        return link;
    }

    /** Unwinds to the public entry points, which answer "not consent"; it carries no stack since nothing reads it. */
    private static final class NotConsent extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final NotConsent INSTANCE = new NotConsent();

        private NotConsent() {
            super("not a consent requirement", null, false, false);
        }
    }
}
