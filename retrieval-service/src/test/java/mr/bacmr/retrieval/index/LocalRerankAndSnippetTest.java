package mr.bacmr.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
        Snippets snippets = new Snippets(100, Duration.ofMinutes(1));
        String snippet = snippets.snippet("eleves", "Les élèves <b>révisent</b> la leçon avec leur professeur.", "fr");
        assertTrue(snippet.contains("<mark>élèves</mark>"), snippet);
        assertTrue(snippet.contains("&lt;b&gt;"), snippet);
        String arabic = snippets.snippet("النهر", "يعد نهر النيل أطول نهر في العالم", "ar");
        assertTrue(arabic.contains("<mark>نهر</mark>"), arabic);
        assertNull(snippets.snippet("x", null, "fr"));
    }

    @Test
    void theSnippetIsThePassageHoldingMostQueryTermsCutAtWordsAndMarkedWithEllipses() {
        String filler = "Le programme de l'année comprend plusieurs chapitres sur des sujets variés et des exercices. ";
        String text = filler.repeat(4) + "La photosynthèse seule est citée ici. " + filler.repeat(3)
                + "Dans la feuille, la photosynthèse transforme la lumière en glucose. " + filler.repeat(4);
        String snippet = new Snippets(100, Duration.ofMinutes(1)).snippet("photosynthèse lumière glucose", text, "fr");
        assertTrue(snippet.contains("<mark>photosynthèse</mark> transforme la <mark>lumière</mark> en <mark>glucose</mark>"),
                "the passage with all three terms, not the first mention: " + snippet);
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), "cut on both sides: " + snippet);
        String plain = snippet.replace("<mark>", "").replace("</mark>", "");
        assertTrue(plain.length() <= Snippets.TARGET_CHARS + 2, plain.length() + " chars: " + plain);
        assertTrue(plain.length() >= Snippets.TARGET_CHARS * 3 / 4, "widened towards the target: " + plain);
        assertTrue(text.contains(plain.substring(1, plain.length() - 1).strip()), "whole words of the text: " + plain);
    }

    @Test
    void aTextWithoutQueryWordsGivesItsOpeningAndAChunksAnalysisIsReused() {
        Snippets snippets = new Snippets(100, Duration.ofMinutes(1));
        String text = "Les mathématiques du baccalauréat couvrent l'analyse et la géométrie. ".repeat(10);
        String opening = snippets.snippet("photosynthèse", "c1", text, "fr");
        assertTrue(opening.startsWith("Les mathématiques") && opening.endsWith("…"), opening);
        assertTrue(opening.length() <= Snippets.TARGET_CHARS + 1, opening);
        String marked = snippets.snippet("géométrie", "c1", text, "fr");
        assertTrue(marked.contains("<mark>géométrie</mark>"), marked);
        assertEquals(1, snippets.cache().stats().hitCount(), "the second snippet of c1 reused its analysed text");
        assertEquals(1, snippets.cache().stats().missCount());
    }
}
