package io.agenthost.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void buildsAndReadsWhatJakartaJsonDoes() {
        JsonObject copied = jakarta.json.Json.createObjectBuilder().add("k", "v").build();
        String built = Json.createObjectBuilder()
                .add("type", "response.output_text.delta")
                .add("sequence_number", 3)
                .add("items", Json.createArrayBuilder().add("a").add(1))
                .add("copy", Json.createObjectBuilder(copied))
                .add("value", Json.createValue(2))
                .add("text", Json.createValue("t"))
                .build().toString();
        String expected = jakarta.json.Json.createObjectBuilder()
                .add("type", "response.output_text.delta")
                .add("sequence_number", 3)
                .add("items", jakarta.json.Json.createArrayBuilder().add("a").add(1))
                .add("copy", jakarta.json.Json.createObjectBuilder(copied))
                .add("value", jakarta.json.Json.createValue(2))
                .add("text", jakarta.json.Json.createValue("t"))
                .build().toString();
        assertEquals(expected, built);
        assertEquals(jakarta.json.Json.createReader(new StringReader(expected)).readObject(),
                Json.createReader(new StringReader(built)).readObject());
    }

    @Test
    void textFromElsewhereYieldsAnObjectOnlyWhenItHoldsOne() {
        assertEquals(Optional.of(Json.createObjectBuilder().add("error", "x").build()),
                Json.objectIn("{\"error\":\"x\"}"));
        assertEquals(Optional.empty(), Json.objectIn("[1]"));
        assertEquals(Optional.empty(), Json.objectIn("\"text\""));
        assertEquals(Optional.empty(), Json.objectIn("<html>Bad Gateway</html>"));
        assertEquals(Optional.empty(), Json.objectIn("{\"cut\":"));
        assertEquals(Optional.empty(), Json.objectIn(""));
    }

    @Test
    void storedTextIsReadAsAnyValueAndUnreadableTextIsAnError() {
        assertEquals(JsonValue.ValueType.ARRAY, Json.read("[{\"type\":\"message\"}]").getValueType());
        assertEquals("resp_1", Json.readObject("{\"id\":\"resp_1\"}").getString("id"));
        assertThrows(JsonException.class, () -> Json.read("{\"id\":"));
    }
    /** Each call of jakarta.json.Json's factories looks the provider up through the ServiceLoader again. */
    @Test
    void theApplicationCreatesJsonThroughTheProviderLookedUpOnce() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(sources), "run from the project's directory");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> lookingUp = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(JsonTest::importsJakartaJson).toList();
            assertEquals(List.of(), lookingUp);
        }
    }

    private static boolean importsJakartaJson(Path file) {
        try {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            return source.contains("import jakarta.json.Json;") || source.contains("import jakarta.json.*;")
                    || source.contains("jakarta.json.Json.");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
