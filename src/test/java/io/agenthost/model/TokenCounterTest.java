package io.agenthost.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void splitsIntoWordsWithTheirSpacesAndLosesNothing() {
        String text = "  leading, and\ttrailing  ";
        List<String> tokens = TokenCounter.split(text);

        assertEquals(List.of("  leading, ", "and\t", "trailing  "), tokens);
        assertEquals(text, String.join("", tokens));
    }

    @Test
    void countsNothingInEmptyOrBlankText() {
        assertEquals(0, TokenCounter.count(""));
        assertEquals(0, TokenCounter.count(null));
        assertEquals(1, TokenCounter.count("   "));
    }
}
