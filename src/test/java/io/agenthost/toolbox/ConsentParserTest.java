package io.agenthost.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agenthost.mcp.McpServerError;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentParserTest {

    private static final int CONSENT = ConsentParser.CONSENT_REQUIRED;
    private static final int ELICIT = ConsentParser.URL_ELICITATION_REQUIRED;
    private static final String GRAPH_LINK = "https://consent.example.net/consent?connection=graph&state=a%20b";
    private static final String SHEETS_LINK = "https://consent.example.net/consent?connection=sheets";

    static JsonObject entry(String type, String name, String code, String message) {
        return Json.createObjectBuilder().add("type", type).add("name", name)
                .add("error", Json.createObjectBuilder().add("code", code).add("message", message)).build();
    }

    static JsonObject consentEntry(String type, String name, String link) {
        return entry(type, name, "CONSENT_REQUIRED", link);
    }

    static String payload(JsonObject... entries) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        for (JsonObject entry : entries) {
            errors.add(entry);
        }
        return Json.createObjectBuilder().add("errors", errors).build().toString();
    }

    /** The message as the toolbox proxy writes it: a prefix, then the JSON. */
    static String proxyMessage(JsonObject... entries) {
        return "CONSENT_REQUIRED " + payload(entries);
    }

    static String graphMessage() {
        return proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK));
    }

    static List<ConsentLink> links(Optional<List<ConsentLink>> parsed) {
        assertTrue(parsed.isPresent(), "expected a consent requirement");
        return parsed.get();
    }

    static void assertNotConsent(Optional<List<ConsentLink>> parsed) {
        assertNotNull(parsed);
        assertEquals(Optional.empty(), parsed);
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Nested
    class ToolboxProxy {

        @Test
        void oneSourceGivesOneLink() {
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)),
                    links(ConsentParser.parse(CONSENT, graphMessage(), null)));
        }

        @Test
        void severalSourcesOfAnyTypeGiveOneLinkEachInOrder() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    consentEntry("a2a_preview", "planner", "https://consent.example.net/a2a?x=1"),
                    consentEntry("openapi", "sheets", SHEETS_LINK));

            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK),
                    new ConsentLink("planner", "https://consent.example.net/a2a?x=1"),
                    new ConsentLink("sheets", SHEETS_LINK)), links(ConsentParser.parse(CONSENT, message, null)));
        }

        @Test
        void theTypeIsNotRequiredAndItsShapeDoesNotMatter() {
            JsonObject untyped = Json.createObjectBuilder().add("name", "graph").add("error",
                    Json.createObjectBuilder().add("code", "CONSENT_REQUIRED").add("message", GRAPH_LINK)).build();
            JsonObject oddType = Json.createObjectBuilder(untyped).add("type", Json.createArrayBuilder().add(1)).build();

            assertEquals(1, links(ConsentParser.parse(CONSENT, proxyMessage(untyped), null)).size());
            assertEquals(1, links(ConsentParser.parse(CONSENT, proxyMessage(oddType), null)).size());
        }

        @Test
        void thePrefixIsOptionalAndAnyTextBeforeTheFirstBraceIsAccepted() {
            String json = payload(consentEntry("mcp", "graph", GRAPH_LINK));

            assertEquals(1, links(ConsentParser.parse(CONSENT, json, null)).size());
            assertEquals(1, links(ConsentParser.parse(CONSENT, "Consent required: " + json + "\r\n", null)).size());
            assertEquals(1, links(ConsentParser.parse(CONSENT, pretty(json), null)).size());
        }

        private String pretty(String json) {
            java.io.StringWriter out = new java.io.StringWriter();
            try (var reader = Json.createReader(new StringReader(json));
                    var writer = Json.createWriterFactory(java.util.Map.of(
                            jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                writer.write(reader.readObject());
            }
            assertTrue(out.toString().contains("\n"));
            return "CONSENT_REQUIRED\n" + out;
        }

        @Test
        void extraFieldsAreIgnored() {
            JsonObject entry = Json.createObjectBuilder(consentEntry("mcp", "graph", GRAPH_LINK))
                    .add("details", Json.createObjectBuilder().add("a", Json.createArrayBuilder().add(
                            Json.createObjectBuilder().add("b", Json.createArrayBuilder().add(1)))))
                    .build();
            String message = "CONSENT_REQUIRED " + Json.createObjectBuilder()
                    .add("errors", Json.createArrayBuilder().add(entry)).add("requestId", 42).build();

            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)), links(ConsentParser.parse(CONSENT, message, null)));
        }

        @Test
        void aPartialConsentIsAnOrdinaryError() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    entry("mcp", "search", "UPSTREAM_UNAVAILABLE", "search is down"));

            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
        }

        @Test
        void aPartialConsentStaysAnOrdinaryErrorWhenDataCarriesALink() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    entry("a2a_preview", "planner", "FORBIDDEN", "no"));

            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, message, "{\"consentUrl\":\"" + SHEETS_LINK + "\"}"));
        }

        @Test
        void noConsentEntryAtAllIsAnOrdinaryError() {
            assertNotConsent(ConsentParser.parse(CONSENT,
                    proxyMessage(entry("mcp", "graph", "UNAUTHORIZED", GRAPH_LINK)), null));
        }

        @Test
        void anEmptyErrorListIsNotConsent() {
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED {\"errors\":[]}", null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED {}", null));
        }

        @Test
        void identicalEntriesAreReportedOnce() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    consentEntry("mcp", "graph", GRAPH_LINK), consentEntry("a2a_preview", "graph", GRAPH_LINK));

            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)), links(ConsentParser.parse(CONSENT, message, null)));
        }

        @Test
        void oneSourceMayNeedSeveralConsents() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK), consentEntry("mcp", "graph", SHEETS_LINK));

            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK), new ConsentLink("graph", SHEETS_LINK)),
                    links(ConsentParser.parse(CONSENT, message, null)));
        }

        @Test
        void theSameSourceUnderTwoNamesIsTwoLinks() {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK), consentEntry("mcp", "Graph", GRAPH_LINK));

            assertEquals(2, links(ConsentParser.parse(CONSENT, message, null)).size());
        }

        @ParameterizedTest
        @ValueSource(ints = {-32603, -32600, -32601, -32602, -32700, -32000, -32005, -32008, 0, 401, 403, 32006})
        void anyOtherCodeIsNotConsentWhateverTheMessage(int code) {
            assertNotConsent(ConsentParser.parse(code, graphMessage(), null));
            assertNotConsent(ConsentParser.parse("server", code, graphMessage(), "{\"consentUrl\":\"" + GRAPH_LINK + "\"}"));
        }

        @Test
        void aCallsConsentErrorGivesItsLinkForTheServer() {
            int call = ConsentParser.CALL_CONSENT_REQUIRED;
            assertEquals(List.of(new ConsentLink("toolbox", GRAPH_LINK)),
                    links(ConsentParser.parse("toolbox", call, GRAPH_LINK, null)));
            assertEquals(List.of(new ConsentLink("toolbox", GRAPH_LINK)),
                    links(ConsentParser.parse("toolbox", call, "Consent required: " + GRAPH_LINK, null)));
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)),
                    links(ConsentParser.parse("toolbox", call, graphMessage(), null)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"consent required", "http://consent.example.net/plain-http", "javascript:alert(1)",
            "https://user@consent.example.net/", ""})
        void aCallsConsentErrorWithoutAnHttpsLinkIsNotConsent(String message) {
            assertNotConsent(ConsentParser.parse("toolbox", ConsentParser.CALL_CONSENT_REQUIRED, message, null));
            assertNotConsent(ConsentParser.parse(null, ConsentParser.CALL_CONSENT_REQUIRED, GRAPH_LINK, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"consent_required", "Consent_Required", "CONSENT_REQUIRED ", "CONSENT", ""})
        void theEntryCodeMustBeExactlyConsentRequired(String code) {
            assertNotConsent(ConsentParser.parse(CONSENT, proxyMessage(entry("mcp", "graph", code, GRAPH_LINK)), null));
        }

        @Test
        void aLargeToolboxUpToTheLimitIsConsent() {
            JsonObject[] entries = new JsonObject[ConsentParser.MAX_LINKS];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = consentEntry("mcp", "source-" + i, GRAPH_LINK + "&i=" + i);
            }

            assertEquals(ConsentParser.MAX_LINKS, links(ConsentParser.parse(CONSENT, proxyMessage(entries), null)).size());
        }

        @Test
        void tooManyEntriesAreNotConsent() {
            JsonObject[] entries = new JsonObject[ConsentParser.MAX_LINKS + 1];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = consentEntry("mcp", "source-" + i, GRAPH_LINK);
            }

            assertNotConsent(ConsentParser.parse(CONSENT, proxyMessage(entries), null));
        }

        @Test
        void theResultCannotBeModified() {
            List<ConsentLink> links = links(ConsentParser.parse(CONSENT, graphMessage(), null));

            assertThrows(UnsupportedOperationException.class, () -> links.add(new ConsentLink("x", GRAPH_LINK)));
        }
    }

    @Nested
    class WrongTypes {

        static Stream<String> malformedPayloads() {
            String error = "{\"code\":\"CONSENT_REQUIRED\",\"message\":\"" + GRAPH_LINK + "\"}";
            return Stream.of(
                    "{\"errors\":null}",
                    "{\"errors\":\"CONSENT_REQUIRED\"}",
                    "{\"errors\":{\"0\":{\"name\":\"graph\",\"error\":" + error + "}}}",
                    "{\"errors\":[null]}",
                    "{\"errors\":[\"graph\"]}",
                    "{\"errors\":[[\"graph\"," + error + "]]}",
                    "{\"errors\":[{\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":null,\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":7,\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":[\"graph\"],\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"\",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"   \",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"gr\\u0000aph\",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"gr\\naph\",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"graph\\u202e\",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"" + "g".repeat(ConsentParser.MAX_SOURCE_CHARS + 1) + "\",\"error\":" + error + "}]}",
                    "{\"errors\":[{\"name\":\"graph\"}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":null}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":\"CONSENT_REQUIRED\"}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":[" + error + "]}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"message\":\"" + GRAPH_LINK + "\"}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":-32006,\"message\":\"" + GRAPH_LINK + "\"}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":[\"CONSENT_REQUIRED\"],\"message\":\"" + GRAPH_LINK + "\"}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\"}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":null}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":42}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":{\"url\":\"" + GRAPH_LINK + "\"}}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"\"}}]}",
                    "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"Please consent at " + GRAPH_LINK + "\"}}]}");
        }

        @ParameterizedTest
        @MethodSource("malformedPayloads")
        void aMalformedPayloadIsNotConsent(String json) {
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + json, null));
            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, json, null));
        }

        /** The malformed payloads whose errors are an array: entries to set beside a good one. */
        static Stream<JsonObject> malformedEntries() {
            return malformedPayloads().map(json -> {
                try (var reader = Json.createReader(new StringReader(json))) {
                    return reader.readObject();
                }
            }).filter(payload -> payload.get("errors") instanceof JsonArray);
        }

        @ParameterizedTest
        @MethodSource("malformedEntries")
        void aMalformedEntryNextToAGoodOneIsNotConsent(JsonObject bad) {
            JsonArrayBuilder errors = Json.createArrayBuilder().add(consentEntry("mcp", "good", GRAPH_LINK));
            bad.getJsonArray("errors").forEach(errors::add);
            String message = "CONSENT_REQUIRED " + Json.createObjectBuilder().add("errors", errors).build();

            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
        }

        @Test
        void aRepeatedKeyIsNotConsent() {
            String entry = consentEntry("mcp", "graph", GRAPH_LINK).toString();
            String other = entry("mcp", "search", "UNAVAILABLE", "down").toString();

            assertNotConsent(ConsentParser.parse(CONSENT,
                    "CONSENT_REQUIRED {\"errors\":[" + other + "],\"errors\":[" + entry + "]}", null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\","
                    + "\"error\":{\"code\":\"UNAVAILABLE\",\"code\":\"CONSENT_REQUIRED\",\"message\":\"" + GRAPH_LINK + "\"}}]}",
                    null));
        }
    }

    @Nested
    class Garbage {

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            " ",
            "CONSENT_REQUIRED",
            "CONSENT_REQUIRED ",
            "CONSENT_REQUIRED: the user must consent",
            "CONSENT_REQUIRED https://consent.example.net/consent",
            "https://consent.example.net/consent",
            "CONSENT_REQUIRED {",
            "CONSENT_REQUIRED }",
            "CONSENT_REQUIRED }{",
            "CONSENT_REQUIRED {{}}",
            "CONSENT_REQUIRED {\"errors\":[",
            "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"https://consent.example.net/c",
            "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"https://consent.example.net/c\"}}]",
            "CONSENT_REQUIRED {'errors':[{'name':'graph','error':{'code':'CONSENT_REQUIRED','message':'https://consent.example.net/c'}}]}",
            "CONSENT_REQUIRED {errors:[{name:graph,error:{code:CONSENT_REQUIRED,message:\"https://consent.example.net/c\"}}]}",
            "CONSENT_REQUIRED [{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"https://consent.example.net/c\"}}]",
            "CONSENT_REQUIRED \"{\\\"errors\\\":[]}\"",
            "\u0000\u0001\u0002{\u0003",
            "\"\"\"\"{\"\\",
            "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"\\ud800\"}}]}",
            "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"\\uZZZZ\"}}]}",
            "{\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\",\"message\":\"https://consent.example.net/c\"}}]},",
            "{\"errors\":[1e999999999]}",
            "{\"errors\":[-]}",
        })
        void garbageInTheMessageIsNotConsent(String message) {
            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, message, null));
        }

        @Test
        void nothingAtAllIsNotConsent() {
            assertNotConsent(ConsentParser.parse(CONSENT, null, null));
            assertNotConsent(ConsentParser.parse(null, CONSENT, null, null));
            assertNotConsent(ConsentParser.parse(ELICIT, null, null));
            assertNotConsent(ConsentParser.parse((McpServerError) null));
            assertNotConsent(ConsentParser.parse("toolbox", (McpServerError) null));
            assertNotConsent(ConsentParser.parseUrlElicitation(null, null));
        }

        @Test
        void theJsonMustStartAtTheFirstBrace() {
            String json = payload(consentEntry("mcp", "graph", GRAPH_LINK));

            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED {oops} " + json, null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED for {graph}: " + json, null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED { " + json, null));
        }

        @Test
        void textAfterTheJsonIsNotConsent() {
            String json = payload(consentEntry("mcp", "graph", GRAPH_LINK));

            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + json + " (retry later)", null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + json + json, null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + json + "}", null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + json + "\u00a0", null));
        }

        @Test
        void bracesInsideStringsDoNotConfuseTheScan() {
            JsonObject entry = Json.createObjectBuilder(consentEntry("mcp", "gr}a]p{h\"", GRAPH_LINK)).build();

            assertEquals(List.of(new ConsentLink("gr}a]p{h\"", GRAPH_LINK)),
                    links(ConsentParser.parse(CONSENT, proxyMessage(entry), null)));
        }

        @Test
        void randomMutationsOfAConsentNeverThrowAndNeverYieldAnUnsafeLink() {
            Random random = new Random(20260624L);
            String base = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    consentEntry("a2a_preview", "planner", SHEETS_LINK));
            String alphabet = "{}[]\":,\\ \n\tabcCONSENT_REQUIRED0123456789-.e/:?&=%\u0000\u007f\u00e9\u202e";
            for (int round = 0; round < 5000; round++) {
                StringBuilder mutated = new StringBuilder(base);
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits && mutated.length() > 0; e++) {
                    int at = random.nextInt(mutated.length());
                    switch (random.nextInt(3)) {
                        case 0:
                            mutated.deleteCharAt(at);
                            break;
                        case 1:
                            mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            break;
                        default:
                            mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            break;
                    }
                }
                String message = mutated.toString();
                Optional<List<ConsentLink>> parsed = ConsentParser.parse("toolbox", CONSENT, message, null);
                assertNotNull(parsed, message);
                parsed.ifPresent(links -> links.forEach(ConsentParserTest::assertSafe));
            }
        }

        @Test
        void randomTextNeverThrows() {
            Random random = new Random(7L);
            String alphabet = "{}[]\":,\\ nulltruefalse0123456789-.eE+CONSENT_REQUIREDhttps://x/";
            for (int round = 0; round < 5000; round++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(200);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String s = text.toString();
                assertNotNull(ConsentParser.parse("toolbox", CONSENT, s, null));
                assertNotNull(ConsentParser.parse("toolbox", CONSENT, null, s));
                assertNotNull(ConsentParser.parse("toolbox", ELICIT, s, s));
                ConsentParser.parse("toolbox", CONSENT, s, s).ifPresent(links -> links.forEach(ConsentParserTest::assertSafe));
            }
        }
    }

    static void assertSafe(ConsentLink link) {
        assertEquals(link.link(), ConsentParser.validLink(link.link()));
        URI uri = URI.create(link.link());
        assertEquals("https", uri.getScheme().toLowerCase(java.util.Locale.ROOT));
        assertNotNull(uri.getHost());
        assertNotNull(ConsentParser.source(link.source()));
    }

    @Nested
    class Size {

        @Test
        void aMessageBeyondTheCapIsNotConsent() {
            String json = payload(consentEntry("mcp", "graph", GRAPH_LINK));
            String prefix = "CONSENT_REQUIRED" + " ".repeat(ConsentParser.MAX_INPUT_CHARS - json.length() - 16 + 1);
            assertEquals(ConsentParser.MAX_INPUT_CHARS + 1, (prefix + json).length());

            assertNotConsent(ConsentParser.parse(CONSENT, prefix + json, null));
        }

        @Test
        void aMessageAtTheCapIsStillRead() {
            String json = payload(consentEntry("mcp", "graph", GRAPH_LINK));
            String prefix = "CONSENT_REQUIRED" + " ".repeat(ConsentParser.MAX_INPUT_CHARS - json.length() - 16);
            assertEquals(ConsentParser.MAX_INPUT_CHARS, (prefix + json).length());

            assertEquals(1, links(ConsentParser.parse(CONSENT, prefix + json, null)).size());
        }

        @Test
        void aHugeMessageIsRefusedQuickly() {
            JsonObject padded = Json.createObjectBuilder(consentEntry("mcp", "graph", GRAPH_LINK))
                    .add("padding", "x".repeat(8 * 1024 * 1024)).build();
            String message = proxyMessage(padded);

            long started = System.nanoTime();
            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, graphMessage(), message));
            assertNotConsent(ConsentParser.parse("toolbox", ELICIT, null, message));
            assertTrue(System.nanoTime() - started < 1_000_000_000L, "a huge message must not be parsed");
        }

        @Test
        void aHugeDataIsNotConsentEvenWithAGoodMessage() {
            String data = "{\"padding\":\"" + "x".repeat(ConsentParser.MAX_INPUT_CHARS) + "\"}";

            assertNotConsent(ConsentParser.parse(CONSENT, graphMessage(), data));
        }
    }

    @Nested
    class Nesting {

        private String withExtra(String extraJson) {
            String entry = consentEntry("mcp", "graph", GRAPH_LINK).toString();
            return "CONSENT_REQUIRED {\"extra\":" + extraJson + ",\"errors\":[" + entry + "]}";
        }

        @Test
        void modestNestingInIgnoredFieldsIsFine() {
            assertEquals(1, links(ConsentParser.parse(CONSENT, withExtra(nested(20)), null)).size());
        }

        @Test
        void deepNestingIsNotConsent() {
            assertNotConsent(ConsentParser.parse(CONSENT, withExtra(nested(ConsentParser.MAX_DEPTH)), null));
        }

        @Test
        void extremeNestingNeitherThrowsNorOverflows() {
            int depth = ConsentParser.MAX_INPUT_CHARS / 2 - 200;
            String objects = "{\"a\":".repeat(depth / 6) + "1" + "}".repeat(depth / 6);

            assertNotConsent(ConsentParser.parse(CONSENT, withExtra(nested(depth)), null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + "[".repeat(60000), null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + "{".repeat(60000), null));
            assertNotConsent(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED " + objects, null));
            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, graphMessage(), objects));
            assertNotConsent(ConsentParser.parse("toolbox", ELICIT, null, objects));
        }

        @Test
        void deepNestingInDataIsNotConsentEvenWithAGoodMessage() {
            assertNotConsent(ConsentParser.parse(CONSENT, graphMessage(), "{\"x\":" + nested(100) + "}"));
        }
    }

    @Nested
    class Links {

        static Stream<String> rejectedLinks() {
            return Stream.of(
                    "javascript:alert(document.cookie)",
                    "JavaScript:alert(1)",
                    "javascript://consent.example.net/%0aalert(1)",
                    "http://consent.example.net/consent",
                    "HTTP://consent.example.net/consent",
                    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                    "file:///etc/passwd",
                    "file://consent.example.net/share",
                    "ftp://consent.example.net/consent",
                    "vbscript:msgbox(1)",
                    "blob:https://consent.example.net/1",
                    "ms-settings:privacy",
                    "/consent?x=1",
                    "consent?x=1",
                    "//consent.example.net/consent",
                    "consent.example.net/consent",
                    "https:consent.example.net/consent",
                    "https:/consent",
                    "https://",
                    "https:///consent",
                    "https://:443/consent",
                    "https://consent.example.net@attacker.example/consent",
                    "https://user:pass@consent.example.net/consent",
                    " https://consent.example.net/consent",
                    "https://consent.example.net/consent ",
                    "https://consent.example.net/con sent",
                    "https://consent.example.net/\tconsent",
                    "https://consent.example.net/\nconsent",
                    "https://consent.example.net/\rconsent",
                    "https://consent.example.net/\u0000consent",
                    "https://consent.example.net/\u007fconsent",
                    "https://consent.example.net/\u0085consent",
                    "https://consent.example.net/\u00a0consent",
                    "https://consent.example.net/\u2028consent",
                    "https://consent.example.net/\u202econsent",
                    "https://consent.example.net/\u200bconsent",
                    "https://cons\u0435nt.example.net/consent",
                    "https://consent.example.net/\uFEFFconsent",
                    "https://consent.example.net\\@attacker.example/",
                    "https://consent.example.net/<script>",
                    "https://consent.example.net/\"onmouseover",
                    "https://consent.example.net/%",
                    "https://consent.example.net/%zz",
                    "https://exa%6dple.net/consent",
                    "https://consent.example.net/" + "a".repeat(ConsentParser.MAX_LINK_CHARS),
                    "");
        }

        @ParameterizedTest
        @MethodSource("rejectedLinks")
        void aRejectedLinkMakesTheErrorOrdinary(String link) {
            assertEquals(null, ConsentParser.validLink(link));
            assertNotConsent(ConsentParser.parse(CONSENT, proxyMessage(consentEntry("mcp", "graph", link)), null));
        }

        @ParameterizedTest
        @MethodSource("rejectedLinks")
        void oneRejectedLinkAmongGoodOnesMakesTheErrorOrdinary(String link) {
            String message = proxyMessage(consentEntry("mcp", "graph", GRAPH_LINK),
                    consentEntry("a2a_preview", "planner", link), consentEntry("mcp", "sheets", SHEETS_LINK));

            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
        }

        @ParameterizedTest
        @MethodSource("rejectedLinks")
        void aRejectedLinkInDataMakesTheErrorOrdinary(String link) {
            String data = Json.createObjectBuilder().add("name", "graph").add("consentUrl", link).build().toString();

            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, "consent required", data));
            assertNotConsent(ConsentParser.parse("toolbox", CONSENT, graphMessage(), data));
        }

        @ParameterizedTest
        @MethodSource("rejectedLinks")
        void aRejectedElicitationUrlMakesTheErrorOrdinary(String link) {
            assertNotConsent(ConsentParser.parse("server", ELICIT, "URL elicitation required", elicitationData(urlElicitation("e1", link))));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "https://consent.example.net",
            "https://consent.example.net/",
            "HTTPS://consent.example.net/consent",
            "https://consent.example.net:8443/consent?a=1&b=%20#frag",
            "https://10.0.0.1/consent",
            "https://[2001:db8::1]/consent",
            "https://xn--bcher-kva.example/consent",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=00000000-0000-0000-0000-000000000000"
                    + "&response_type=code&redirect_uri=https%3A%2F%2Fconsent.example.net%2Fcallback&scope=User.Read%20offline_access"
                    + "&state=eyJhbGciOiJub25lIn0.eyJ0IjoxfQ.",
        })
        void httpsLinksWithAHostAreAccepted(String link) {
            assertEquals(List.of(new ConsentLink("graph", link)),
                    links(ConsentParser.parse(CONSENT, proxyMessage(consentEntry("mcp", "graph", link)), null)));
        }

        @Test
        void aLinkOfTheMaximumLengthIsAccepted() {
            String base = "https://consent.example.net/";
            String link = base + "a".repeat(ConsentParser.MAX_LINK_CHARS - base.length());
            assertEquals(ConsentParser.MAX_LINK_CHARS, link.length());

            assertEquals(link, ConsentParser.validLink(link));
            assertEquals(null, ConsentParser.validLink(link + "a"));
        }

        @Test
        void escapedCharactersAreJudgedAfterDecoding() {
            String message = "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\","
                    + "\"message\":\"\\u006aavascript:alert(1)\"}}]}";
            String spaced = "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\","
                    + "\"message\":\"https://consent.example.net/\\u0020x\"}}]}";
            String escapedSlashes = "CONSENT_REQUIRED {\"errors\":[{\"name\":\"graph\",\"error\":{\"code\":\"CONSENT_REQUIRED\","
                    + "\"message\":\"https:\\/\\/consent.example.net\\/consent\"}}]}";

            assertNotConsent(ConsentParser.parse(CONSENT, message, null));
            assertNotConsent(ConsentParser.parse(CONSENT, spaced, null));
            assertEquals(List.of(new ConsentLink("graph", "https://consent.example.net/consent")),
                    links(ConsentParser.parse(CONSENT, escapedSlashes, null)));
        }
    }

    @Nested
    class DataFields {

        private String data(String... keysAndValues) {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                builder.add(keysAndValues[i], keysAndValues[i + 1]);
            }
            return builder.build().toString();
        }

        @ParameterizedTest
        @ValueSource(strings = {"consentUrl", "consent_url", "consentLink"})
        void eachDataFieldIsAccepted(String key) {
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)),
                    links(ConsentParser.parse(CONSENT, "consent required", data(key, GRAPH_LINK, "name", "graph"))));
        }

        @Test
        void theSourceComesFromNameThenSourceThenTheGivenLabel() {
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)), links(ConsentParser.parse("server", CONSENT,
                    "consent required", data("consentUrl", GRAPH_LINK, "name", "graph", "source", "other"))));
            assertEquals(List.of(new ConsentLink("other", GRAPH_LINK)), links(ConsentParser.parse("server", CONSENT,
                    "consent required", data("consentUrl", GRAPH_LINK, "source", "other"))));
            assertEquals(List.of(new ConsentLink("server", GRAPH_LINK)), links(ConsentParser.parse("server", CONSENT,
                    "consent required", data("consentUrl", GRAPH_LINK))));
        }

        @Test
        void aLinkNoOneCanBeNamedForIsNotConsent() {
            assertNotConsent(ConsentParser.parse(CONSENT, "consent required", data("consentUrl", GRAPH_LINK)));
            assertNotConsent(ConsentParser.parse(" ", CONSENT, "consent required", data("consentUrl", GRAPH_LINK)));
            assertNotConsent(ConsentParser.parse("ser\u0007ver", CONSENT, "consent required", data("consentUrl", GRAPH_LINK)));
        }

        @Test
        void theSameLinkUnderSeveralKeysIsOneLink() {
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)), links(ConsentParser.parse(CONSENT, null,
                    data("consentUrl", GRAPH_LINK, "consent_url", GRAPH_LINK, "consentLink", GRAPH_LINK, "name", "graph"))));
            assertEquals(2, links(ConsentParser.parse(CONSENT, null,
                    data("consentUrl", GRAPH_LINK, "consent_url", SHEETS_LINK, "name", "graph"))).size());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"consentUrl\":null,\"name\":\"graph\"}",
            "{\"consentUrl\":42,\"name\":\"graph\"}",
            "{\"consentUrl\":[\"" + GRAPH_LINK + "\"],\"name\":\"graph\"}",
            "{\"consentUrl\":{\"href\":\"" + GRAPH_LINK + "\"},\"name\":\"graph\"}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"consent_url\":\"http://x.example/\",\"name\":\"graph\"}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":7}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":null}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":\"\"}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"source\":{\"name\":\"graph\"}}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"consentUrl\":\"" + SHEETS_LINK + "\",\"name\":\"graph\"}",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":\"graph\"} trailing",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":\"graph\"",
            "{\"consentUrl\":\"" + GRAPH_LINK + "\",\"name\":\"graph\",}",
        })
        void wrongOrMalformedDataIsNotConsent(String data) {
            assertNotConsent(ConsentParser.parse("server", CONSENT, "consent required", data));
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "\"" + GRAPH_LINK + "\"", "[\"" + GRAPH_LINK + "\"]", "42", "true", "", "  ",
            "{}", "{\"detail\":\"consent needed\"}", "{\"url\":\"" + GRAPH_LINK + "\"}"})
        void dataWithoutALinkAddsNothing(String data) {
            assertNotConsent(ConsentParser.parse("server", CONSENT, "consent required", data));
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)),
                    links(ConsentParser.parse("server", CONSENT, graphMessage(), data)));
        }

        @Test
        void linksInTheMessageAndInDataAreCombined() {
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK), new ConsentLink("server", SHEETS_LINK)),
                    links(ConsentParser.parse("server", CONSENT, graphMessage(), data("consentUrl", SHEETS_LINK))));
            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)),
                    links(ConsentParser.parse("server", CONSENT, graphMessage(), data("consentUrl", GRAPH_LINK, "name", "graph"))));
        }

        @Test
        void aProseMessageDoesNotHideADataLink() {
            String data = data("consentUrl", GRAPH_LINK, "name", "graph");

            assertEquals(1, links(ConsentParser.parse(CONSENT, "Consent required for {graph}", data)).size());
            assertEquals(1, links(ConsentParser.parse(CONSENT, "CONSENT_REQUIRED {\"detail\":\"ask the user\"}", data)).size());
            assertEquals(1, links(ConsentParser.parse(CONSENT, "", data)).size());
        }

        @Test
        void dataIsOnlyReadForConsentRequired() {
            assertNotConsent(ConsentParser.parse("server", -32603, "consent required", data("consentUrl", GRAPH_LINK)));
            assertNotConsent(ConsentParser.parse("server", ELICIT, "consent required", data("consentUrl", GRAPH_LINK)));
        }
    }

    static JsonObject urlElicitation(String id, String url) {
        return Json.createObjectBuilder().add("mode", "url").add("elicitationId", id).add("url", url)
                .add("message", "Authorize access to your files").build();
    }

    static String elicitationData(JsonObject... elicitations) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (JsonObject elicitation : elicitations) {
            list.add(elicitation);
        }
        return Json.createObjectBuilder().add("elicitations", list).build().toString();
    }

    @Nested
    class UrlElicitation {

        @Test
        void eachUrlElicitationIsALinkForTheServer() {
            String data = elicitationData(urlElicitation("e1", GRAPH_LINK), urlElicitation("e2", SHEETS_LINK));

            assertEquals(List.of(new ConsentLink("files", GRAPH_LINK), new ConsentLink("files", SHEETS_LINK)),
                    links(ConsentParser.parse("files", ELICIT, "This request requires more information.", data)));
            assertEquals(List.of(new ConsentLink("files", GRAPH_LINK), new ConsentLink("files", SHEETS_LINK)),
                    links(ConsentParser.parseUrlElicitation("files", data)));
        }

        @Test
        void identicalUrlsAreReportedOnce() {
            String data = elicitationData(urlElicitation("e1", GRAPH_LINK), urlElicitation("e2", GRAPH_LINK));

            assertEquals(List.of(new ConsentLink("files", GRAPH_LINK)), links(ConsentParser.parseUrlElicitation("files", data)));
        }

        @Test
        void onlyTheUrlAndModeMatter() {
            String data = "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"}],\"other\":[1,2]}";

            assertEquals(1, links(ConsentParser.parseUrlElicitation("files", data)).size());
        }

        @Test
        void withoutAServerLabelItIsNotConsent() {
            String data = elicitationData(urlElicitation("e1", GRAPH_LINK));

            assertNotConsent(ConsentParser.parse(ELICIT, "URL elicitation required", data));
            assertNotConsent(ConsentParser.parseUrlElicitation(null, data));
            assertNotConsent(ConsentParser.parseUrlElicitation("", data));
            assertNotConsent(ConsentParser.parseUrlElicitation("fi\nles", data));
        }

        @Test
        void theMessageIsNotReadForAnElicitation() {
            assertNotConsent(ConsentParser.parse("files", ELICIT, graphMessage(), null));
            assertNotConsent(ConsentParser.parse("files", ELICIT, graphMessage(), "{}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{}",
            "{\"elicitations\":[]}",
            "{\"elicitations\":null}",
            "{\"elicitations\":{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"}}",
            "{\"elicitations\":[null]}",
            "{\"elicitations\":[\"" + GRAPH_LINK + "\"]}",
            "{\"elicitations\":[{\"url\":\"" + GRAPH_LINK + "\"}]}",
            "{\"elicitations\":[{\"mode\":\"form\",\"url\":\"" + GRAPH_LINK + "\"}]}",
            "{\"elicitations\":[{\"mode\":\"URL\",\"url\":\"" + GRAPH_LINK + "\"}]}",
            "{\"elicitations\":[{\"mode\":1,\"url\":\"" + GRAPH_LINK + "\"}]}",
            "{\"elicitations\":[{\"mode\":\"url\"}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":null}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":[\"" + GRAPH_LINK + "\"]}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"},{\"mode\":\"form\",\"requestedSchema\":{}}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"},{\"mode\":\"url\",\"url\":\"http://x.example/\"}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\",\"url\":\"" + SHEETS_LINK + "\"}]}",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"}]} x",
            "{\"elicitations\":[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"}]",
            "[{\"mode\":\"url\",\"url\":\"" + GRAPH_LINK + "\"}]",
            "\"" + GRAPH_LINK + "\"",
            "null",
            "",
        })
        void malformedElicitationsAreNotConsent(String data) {
            assertNotConsent(ConsentParser.parse("files", ELICIT, "URL elicitation required", data));
            assertNotConsent(ConsentParser.parseUrlElicitation("files", data));
        }

        @Test
        void tooManyElicitationsAreNotConsent() {
            JsonObject[] many = new JsonObject[ConsentParser.MAX_LINKS + 1];
            for (int i = 0; i < many.length; i++) {
                many[i] = urlElicitation("e" + i, GRAPH_LINK);
            }

            assertNotConsent(ConsentParser.parseUrlElicitation("files", elicitationData(many)));
        }
    }

    @Nested
    class ServerErrors {

        @Test
        void theServerErrorOverloadsReadCodeMessageAndData() {
            McpServerError proxy = new McpServerError("toolbox", CONSENT, graphMessage(), null);
            McpServerError data = new McpServerError("files", CONSENT, "consent required", "{\"consentUrl\":\"" + GRAPH_LINK + "\"}");
            McpServerError elicitation = new McpServerError("files", ELICIT, "URL elicitation required",
                    elicitationData(urlElicitation("e1", GRAPH_LINK)));

            assertEquals(List.of(new ConsentLink("graph", GRAPH_LINK)), links(ConsentParser.parse(proxy)));
            assertNotConsent(ConsentParser.parse(data));
            assertEquals(List.of(new ConsentLink("files", GRAPH_LINK)), links(ConsentParser.parse("files", data)));
            assertNotConsent(ConsentParser.parse(elicitation));
            assertEquals(List.of(new ConsentLink("files", GRAPH_LINK)), links(ConsentParser.parse("files", elicitation)));
        }

        @Test
        void anOrdinaryServerErrorIsNotConsent() {
            assertNotConsent(ConsentParser.parse("toolbox", new McpServerError("toolbox", -32603, "Internal error", null)));
            assertNotConsent(ConsentParser.parse("toolbox", new McpServerError("toolbox", CONSENT, null, null)));
        }
    }

    @Test
    void aConsentLinkNeedsBothParts() {
        assertThrows(NullPointerException.class, () -> new ConsentLink(null, GRAPH_LINK));
        assertThrows(NullPointerException.class, () -> new ConsentLink("graph", null));
    }
}
