package mr.bacmr.retrieval.ask;

import java.util.List;

import org.junit.jupiter.api.Test;

import static mr.bacmr.retrieval.ask.Hits.hit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextPackerTest {

    private final TokenCounter tokens = new TokenCounter();
    private final ContextPacker packer = new ContextPacker(tokens);

    private static String words(int n, String word) {
        return (word + " ").repeat(n).strip();
    }

    @Test
    void keepsRankOrderWithinTheBudgetAndSkipsWhatDoesNotFit() {
        String a = words(40, "alpha");
        String big = words(500, "beta");
        String c = words(30, "gamma");
        PackedContext packed = packer.pack(List.of(hit("a", "fr", a), hit("big", "fr", big), hit("c", "fr", c)), 100);

        assertEquals(List.of("a", "c"), packed.passages().stream().map(p -> p.hit().chunkId()).toList());
        assertEquals(List.of(1, 2), packed.passages().stream().map(Passage::number).toList(), "renumbered from 1");
        assertEquals(tokens.count(a) + tokens.count(c), packed.tokens());
        assertTrue(packed.tokens() <= 100);
        assertFalse(packed.passages().get(0).truncated());
    }

    @Test
    void cutsTheBestPassageWhenNothingFitsWhole() {
        String big = words(500, "dérivée");
        PackedContext packed = packer.pack(List.of(hit("big", "fr", big), hit("big2", "fr", big)), 120);

        assertEquals(1, packed.passages().size());
        Passage only = packed.passages().get(0);
        assertTrue(only.truncated());
        assertTrue(big.startsWith(only.text()));
        assertTrue(only.tokens() <= 120 && only.tokens() > 100, "fills the budget: " + only.tokens());
    }

    @Test
    void usesTheSnippetWhenTheTextIsMissingAndSkipsEmptyHits() {
        PackedContext packed = packer.pack(List.of(Hits.snippetOnly("s", "un extrait du cours"),
                Hits.snippetOnly("empty", " ")), 2_000);

        assertEquals(1, packed.passages().size());
        assertEquals("un extrait du cours", packed.passages().get(0).text());
    }

    @Test
    void noHitsIsAnEmptyContext() {
        assertTrue(packer.pack(List.of(), 2_000).isEmpty());
    }
}
