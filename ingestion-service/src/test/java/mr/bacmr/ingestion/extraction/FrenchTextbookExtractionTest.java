package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The IPN French textbook (136 pages); phrases read on page 20 rendered with pdftoppm. */
class FrenchTextbookExtractionTest {

    private static ExtractedDocument document;

    @BeforeAll
    static void extractOnce() throws Exception {
        document = new PdfTextExtractor().extract(Corpus.file("pdf-fr/ipn-2as-francais.pdf"), PageListener.NONE);
    }

    @Test
    void phrasesReadOnThePageAreThereWithTheirAccents() {
        String text = document.pages().get(19).text();
        assertTrue(text.contains("La phrase déclarative: sert à donner une information"), text);
        assertTrue(text.contains("Le club culturel de ton établissement a organisé une exposition des meilleurs"), text);
        assertTrue(text.contains("Voici une liste des pages du registre d’appréciation placé à l’intention des"), text);
    }

    @Test
    void diagonalArabicWatermarkIsNotSplicedIntoFrenchWords() {
        String text = document.pages().get(19).text();
        assertTrue(text.contains("doit dire le contraire."), text);
        assertFalse(text.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC), text);
    }

    @Test
    void textPagesAreFrench() {
        assertEquals(136, document.pageCount());
        for (ExtractedPage page : document.pages()) {
            if (!page.needsOcr()) {
                assertEquals("fr", page.language(), () -> "page " + page.number() + ": " + page.text());
                assertFalse(page.text().contains("\uFFFD"));
            }
        }
        assertEquals(128, document.pages().stream().filter(p -> !p.needsOcr()).count());
    }
}
