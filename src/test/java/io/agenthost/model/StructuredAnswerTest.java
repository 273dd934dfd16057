package io.agenthost.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo model answers in the form the client asked for. */
class StructuredAnswerTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String answer(OutputFormat format, String said) {
        StringBuilder text = new StringBuilder();
        new EchoModel().complete(new ModelRequest("echo", List.of(new ChatMessage.User(said)), List.of(),
                ToolChoice.AUTO, null, new ModelSettings(null, null, format, null, null, null, null)), text::append);
        return text.toString();
    }

    @Test
    void aSchemaGetsJsonItAcceptsWithTheTextInItsStrings() {
        JsonObject schema = json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                + "\"days\":{\"type\":\"integer\",\"minimum\":1},\"sunny\":{\"type\":\"boolean\"},"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"C\",\"F\"]},\"tags\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\"}},\"note\":{\"type\":[\"string\",\"null\"]},"
                + "\"where\":{\"type\":\"object\",\"properties\":{\"lat\":{\"type\":\"number\"}},\"required\":[\"lat\"]}},"
                + "\"required\":[\"city\",\"days\",\"sunny\",\"unit\",\"tags\",\"note\",\"where\"],"
                + "\"additionalProperties\":false}");

        JsonObject answer = json(answer(new OutputFormat("json_schema", "trip", schema, true), "Lisbon"));

        assertEquals(json("{\"city\":\"Lisbon\",\"days\":1,\"sunny\":false,\"unit\":\"C\",\"tags\":[],"
                + "\"note\":\"Lisbon\",\"where\":{\"lat\":0}}"), answer);
    }

    @Test
    void aJsonObjectIsAskedForAndGiven() {
        assertEquals(json("{\"text\":\"hello there\"}"), json(answer(new OutputFormat("json_object", null, null, null),
                "hello there")));
    }

    @Test
    void aSchemaItCannotSatisfyIsSaidSo() {
        JsonObject schema = json("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\","
                + "\"pattern\":\"^[0-9]+$\"}},\"required\":[\"id\"]}");

        assertEquals("I cannot answer in the form of the schema ids.",
                answer(new OutputFormat("json_schema", "ids", schema, true), "x"));
    }
}
