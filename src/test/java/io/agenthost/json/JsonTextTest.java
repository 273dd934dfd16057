package io.agenthost.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void nestingDeeperThanTheLimitIsFoundWithoutParsing() {
        assertTrue(JsonText.deeperThan("[".repeat(65), JsonText.MAX_DEPTH));
        assertFalse(JsonText.deeperThan("[".repeat(64) + "]".repeat(64), JsonText.MAX_DEPTH));
        assertTrue(JsonText.deeperThan("{\"a\":[{\"b\":[]}]}", 3));
        assertFalse(JsonText.deeperThan("{\"a\":[{\"b\":[]}]}", 4));
    }

    @Test
    void bracketsInStringsDoNotNest() {
        assertFalse(JsonText.deeperThan("[\"" + "[".repeat(100) + "\"]", JsonText.MAX_DEPTH));
        assertFalse(JsonText.deeperThan("[\"\\\"" + "{".repeat(100) + "\"]", JsonText.MAX_DEPTH));
    }

    @Test
    void theEndOfAValueIsAfterTheBracketThatClosesIt() {
        assertEquals(2, JsonText.endOfValue("{}", 0, 32));
        assertEquals(11, JsonText.endOfValue("{\"a\":\"}\\\"\"}x", 0, 32));
        assertEquals(8, JsonText.endOfValue("x: {[1]} {}", 3, 32));
        assertEquals(64, JsonText.endOfValue("{".repeat(32) + "}".repeat(32), 0, 32));
    }

    @Test
    void aValueThatDoesNotCloseOrNestsTooDeepHasNoEnd() {
        assertEquals(-1, JsonText.endOfValue("{\"a\":\"}", 0, 32));
        assertEquals(-1, JsonText.endOfValue("{" + "[".repeat(32) + "]".repeat(32) + "}", 0, 32));
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws CharacterCodingException {
        assertEquals("caf\u00e9", JsonText.utf8("caf\u00e9".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CharacterCodingException.class,
                () -> JsonText.utf8("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
