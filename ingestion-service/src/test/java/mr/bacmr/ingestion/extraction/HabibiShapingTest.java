package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * py-pdf's one-page shaping test (WeasyPrint): "habibi حَبيبي". Its ToUnicode map is itself broken
 * (the glyph "h" maps to "حَبيبي h", the shaped Arabic glyphs to nothing but one), so the Latin word
 * cannot come out whole; the Arabic word must come out in logical order with its fatha.
 */
class HabibiShapingTest {

    @Test
    void arabicWordIsInLogicalOrder() throws Exception {
        ExtractedDocument document = new PdfTextExtractor().extract(Corpus.file("pdf-ar/habibi.pdf"), PageListener.NONE);
        assertEquals(1, document.pageCount());
        ExtractedPage page = document.pages().get(0);
        assertFalse(page.needsOcr());
        assertTrue(page.text().contains("حَبيبي"), page.text());
        assertFalse(page.text().contains("يبيبَح"), "visual order left in: " + page.text());
        assertFalse(page.text().contains("\u0000"), "NUL glyph mappings must be dropped");
        assertEquals("ar", page.language());
    }
}
