package mr.bacmr.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.Reranker.Candidate;

/** The local reranker's scoring and the snippet highlighter, on real analysers (no model needed). */
class LocalRerankAndSnippetTest {

    @Test
    void theRerankerPrefersTextsWhereTheQueryWordsStandTogether() {
        String scattered = "Les plantes poussent au printemps. Le soleil brille souvent en été. "
                + "La photosynthèse est étudiée plus tard dans le programme de l'année.";
        String together = "La photosynthèse des plantes utilise le soleil pour produire du glucose.";
        String unrelated = "La Révolution française commence en 1789 avec la prise de la Bastille.";
        List<Double> scores = new LexicalProximityReranker().scores("photosynthèse des plantes au soleil", List.of(
                new Candidate("a", "fr", scattered, 0.03), new Candidate("b", "fr", together, 0.02),
                new Candidate("c", "fr", unrelated, 0.03), new Candidate("d", "fr", null, 0.01)));
        assertTrue(scores.get(1) > scores.get(0), "adjacent terms beat scattered ones: " + scores);
        assertTrue(scores.get(0) > scores.get(2), "matching beats unrelated: " + scores);
        assertTrue(scores.get(3) < scores.get(2), "no text ranks last: " + scores);
    }

    @Test
    void proximityIsMatchedTermsOverTheSmallestWindowHoldingThem() {
        assertEquals(1.0, LexicalProximityReranker.proximity(List.of("a", "b", "x"), java.util.Set.of("a", "b")));
        assertEquals(2.0 / 3, LexicalProximityReranker.proximity(List.of("a", "x", "x", "b", "x", "a"), java.util.Set.of("a", "b")), 1e-9);
        assertEquals(0.0, LexicalProximityReranker.proximity(List.of("a"), java.util.Set.of()));
    }

    @Test
    void snippetsMarkStemmedAndFoldedFormsAndEscapeHtml() {
        Snippets snippets = new Snippets();
        String snippet = snippets.snippet("eleves", "Les élèves <b>révisent</b> la leçon avec leur professeur.", "fr");
        assertTrue(snippet.contains("<mark>élèves</mark>"), snippet);
        assertTrue(snippet.contains("&lt;b&gt;"), snippet);
        String arabic = snippets.snippet("النهر", "يعد نهر النيل أطول نهر في العالم", "ar");
        assertTrue(arabic.contains("<mark>نهر</mark>"), arabic);
        assertNull(snippets.snippet("x", null, "fr"));
    }
}
