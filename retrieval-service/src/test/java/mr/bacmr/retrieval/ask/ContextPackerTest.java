package mr.bacmr.retrieval.ask;

import java.util.List;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.SearchHit;

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
    void skipsHitsWhoseTextCouldNotBeFetched() {
        PackedContext packed = packer.pack(List.of(Hits.withoutText("gone"), hit("kept", "fr", "un extrait du cours")),
                2_000);

        assertEquals(List.of("kept"), packed.passages().stream().map(p -> p.hit().chunkId()).toList());
    }

    @Test
    void trustsTheIndexsTokenCount() {
        SearchHit counted = new SearchHit("c", java.util.UUID.randomUUID(), "t", 1, "fr", 1, "court", null, 90);
        PackedContext packed = packer.pack(List.of(counted, hit("next", "fr", words(20, "mot"))), 100);

        assertEquals(90, packed.tokens(), "90 from the index; the 20-word passage no longer fits");
    }

    @Test
    void noHitsIsAnEmptyContext() {
        assertTrue(packer.pack(List.of(), 2_000).isEmpty());
    }
}
