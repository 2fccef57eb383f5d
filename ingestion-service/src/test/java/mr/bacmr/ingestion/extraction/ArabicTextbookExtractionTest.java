package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IPN civics textbook (InDesign, 66 pages): justified lines with tatweel, split glyph runs,
 * dots drawn as separate glyphs, lam-alef ligatures under a wrong /ActualText, a diagonal
 * watermark on every page. Expected phrases were read on the pages rendered with pdftoppm.
 */
class ArabicTextbookExtractionTest {

    private static ExtractedDocument document;
    private static final List<int[]> progress = new ArrayList<>();

    @BeforeAll
    static void extractOnce() throws Exception {
        document = new PdfTextExtractor().extract(Corpus.file("pdf-ar/ipn-2as-education-civique.pdf"),
                (done, total) -> progress.add(new int[] {done, total}));
    }

    @Test
    void everyPageIsThereAndProgressIsReportedPerPage() {
        assertEquals(66, document.pageCount());
        assertEquals(66, document.pages().size());
        assertEquals(66, progress.size());
        for (int i = 0; i < 66; i++) {
            assertEquals(i + 1, document.pages().get(i).number());
            assertEquals(i + 1, progress.get(i)[0]);
            assertEquals(66, progress.get(i)[1]);
        }
    }

    @Test
    void noPresentationFormsBidiControlsOrTatweelAreLeft() {
        for (ExtractedPage page : document.pages()) {
            page.text().chars().forEach(c -> {
                assertFalse(c >= 0xFB50 && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF,
                        () -> "presentation form U+" + Integer.toHexString(c) + " on page " + page.number());
                assertFalse(c == 0x200E || c == 0x200F || c == 0x061C || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069,
                        () -> "bidi control U+" + Integer.toHexString(c) + " on page " + page.number());
                assertFalse(c == 0x0640, () -> "tatweel on page " + page.number());
                assertFalse(c == 0xFFFD, () -> "unmapped glyph on page " + page.number());
            });
        }
    }

    @Test
    void justifiedLineComesOutInReadingOrder() {
        // page 13: PDFBox's own writer gives this line with its words in reverse order
        assertPageContains(13, "وموريتانيا هي وطننا الغالي الذي ضحى من أجل عزته واستقلاله آباؤنا وأجدادنا، وهو الذي");
        assertPageContains(13, "الوطن هو تلك البقعة من الأرض التي ارتبط بها تاريخ الفرد ومجده");
    }

    @Test
    void numbersKeepTheirPlaceAndOrderInsideArabicLines() {
        assertPageContains(18, "النص الثالث: نص دستور 20يوليو 1991 الموريتاني في ديباجته على الحقوق التالية");
        assertPageContains(13, "10 - أقوم مكتسباتي");
    }

    @Test
    void bracketsAndQuotesAreNotMirrored() {
        assertPageContains(15, "ومجتمع سياسي (الدولة) وتقوم المواطنة");
        assertPageContains(18, "النص الأول: «الجنسية رابطة قانونية تربط الفرد بالوطن");
    }

    @Test
    void lamAlefUnderAWrongActualTextKeepsItsLam() {
        assertPageContains(14, "لاحظت أن بعض الأساتذة يدرس بجد وإخلاص فيوجه التوجيهات والنصائح");
        assertPageContains(16, "ويؤكد التلازم بين الحقوق");
    }

    @Test
    void dotsDrawnApartJoinTheirWordWithoutDuplicates() {
        assertPageContains(3, "إخوتي الأساتذة، أبنائي التلاميذ");
        assertPageContains(3, "الإصلاح الجديد");
        assertPageContains(13, "10 - أقوم مكتسباتي :");
    }

    @Test
    void wordsSplitAtAKashidaAreJoined() {
        assertPageContains(61, "بطريقة غير مباشرة");
        assertPageContains(61, "بالعين المجردة.");
    }

    @Test
    void watermarkIsNotSplicedIntoTheText() {
        assertFalse(page(13).text().contains("المعهد"), page(13).text());
    }

    @Test
    void textPagesAreArabicAndPagesWithoutTextAreFlaggedForOcr() {
        for (ExtractedPage page : document.pages()) {
            if (page.needsOcr()) {
                assertEquals("", page.text());
            } else {
                assertEquals("ar", page.language(), "page " + page.number());
            }
        }
        assertTrue(page(10).needsOcr(), "page 10 holds only the watermark and its number");
        assertTrue(page(1).needsOcr(), "the cover's title is in a legacy font without Unicode: garbled, not text");
        long textPages = document.pages().stream().filter(p -> !p.needsOcr()).count();
        assertEquals(58, textPages);
    }

    private static void assertPageContains(int number, String phrase) {
        String text = page(number).text();
        assertTrue(text.contains(phrase), () -> "page " + number + " lacks «" + phrase + "»; it reads:\n" + text);
    }

    private static ExtractedPage page(int number) {
        return document.pages().get(number - 1);
    }
}
