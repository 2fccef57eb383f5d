package mr.bacmr.retrieval.ask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCounterTest {

    private final TokenCounter tokens = new TokenCounter();

    @Test
    void truncatesToAPrefixWithinTheLimit() {
        String text = "La dérivée d'une fonction mesure la variation instantanée de cette fonction. ".repeat(20);
        int total = tokens.count(text);
        for (int max : new int[]{1, 7, 50, total - 1}) {
            String cut = tokens.truncate(text, max);
            assertTrue(text.startsWith(cut), "a prefix");
            int count = tokens.count(cut);
            assertTrue(count <= max && count > max - 5, max + " → " + count);
        }
        assertEquals(text, tokens.truncate(text, total));
        assertEquals("", tokens.truncate(text, 0));
    }

    @Test
    void truncatesArabicOnCharacterBoundaries() {
        String text = "المعادلة التفاضلية هي معادلة تربط دالة بمشتقاتها. ".repeat(10);
        String cut = tokens.truncate(text, 25);
        assertTrue(text.startsWith(cut));
        assertFalse(cut.contains("\uFFFD"));
        assertTrue(tokens.count(cut) <= 25);
        assertTrue(tokens.count(cut) >= 20);
    }

    @Test
    void countsChatFramingOnTopOfTheMessages() {
        assertEquals(tokens.count("Bonjour") + tokens.count("Salut") + 2 * TokenCounter.PER_MESSAGE
                + TokenCounter.REPLY_PRIMING, tokens.countMessages("Bonjour", "Salut"));
    }
}
