package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ArabicTextRepairTest {

    private final ArabicTextRepair repair = new ArabicTextRepair();

    @Test
    void presentationFormsAreFoldedToLetters() {
        String logical = "ذهب الطالب إلى المدرسة صباحا";
        String shaped = ArabicShaper.shape(logical);
        assertNotEquals(logical, shaped);
        assertEquals(logical, repair.repair(shaped));
        assertEquals("لا", repair.repair("\uFEFB")); // lam-alef ligature, a single code point
    }

    @Test
    void bidiControlsTatweelAndUnmappedGlyphsAreRemoved() {
        assertEquals("مرحبا بالعالم", repair.repair("\u202Bمرحبا\u202C \u200Fبالعالم\u200E\u2067\u2069\u061C"));
        assertEquals("الوطن هو تلك البقعة", repair.repair("الوطــن هــو تلــك البقعــة"));
        assertEquals("وتحت سمائها", repair.repair("وتح\uFFFD\uFFFDت س\uFFFD\uFFFDمائها"));
        assertEquals("حَبيبي", repair.repair("\u0000حَبيبي\u0000"));
    }

    @Test
    void lineInVisualOrderIsPutInLogicalOrder() {
        String logical = "ذهب الطالب إلى المدرسة الجديدة";
        assertEquals(logical, repair.repair(VisualOrderDetector.reverseToLogical(logical)));
    }

    @Test
    void shapedLineInVisualOrderIsReversedAndFolded() {
        String logical = "يدرس التلاميذ التربية المدنية في السنة الثانية";
        String visualShaped = VisualOrderDetector.reverseToLogical(ArabicShaper.shape(logical));
        assertEquals(logical, repair.repair(visualShaped));
    }

    @Test
    void numbersAndLatinRunsKeepTheirOrderWhenALineIsReversed() {
        String logical = "صدر دستور الجمهورية سنة 1991 وعدل سنة 2006 حسب المعهد IPN Nouakchott الوطني";
        String visual = VisualOrderDetector.reverseToLogical(ArabicShaper.shape(logical));
        assertEquals(logical, repair.repair(visual));
    }

    @Test
    void linesInLogicalOrderAreLeftAlone() {
        String[] lines = {
            "وموريتانيا هي وطننا الغالي الذي ضحى من أجل عزته واستقلاله آباؤنا وأجدادنا، وهو الذي",
            "النص الثالث: نص دستور 20يوليو 1991 الموريتاني في ديباجته على الحقوق التالية :",
            "قليلا مثلا أولا فعلا طويلا", // adverbs ending in "لا", the reversed article
            "لا", "مثلا", "في", "10 - أقوم مكتسباتي :",
        };
        for (String line : lines) {
            assertEquals(line, repair.repair(line));
        }
    }

    @Test
    void wordsSplitAtAKashidaAreRejoinedButALoneTatweelDashIsNot() {
        assertEquals("بطريقة غير مباشرة", repair.repair("بطريقة غيــ ـر مباشرة"));
        assertEquals("النص الثاني:", repair.repair("الن ـص الثانـ ي:"));
        assertEquals("أ اذكر حدود موريتانيا", repair.repair("أ ـ اذكر حدود موريتانيا"));
    }

    @Test
    void strayTaMarbutaIsReattached() {
        assertEquals("لا ترى بالعين المجردة.", repair.repair("لا ترى بالعين المجرد ة."));
        assertEquals("ة", repair.repair("ة"));
    }

    @Test
    void latinTextIsUntouched() {
        String french = "L’élève étudie à l’école – 2ᵉ année, « bac » ½ ﬁn.";
        assertEquals(french, repair.repair(french));
    }

    @Test
    void repairIsIdempotentAndKeepsLineBreaks() {
        String text = "الوطــن هــو تلــك\n\n" + VisualOrderDetector.reverseToLogical(ArabicShaper.shape("ذهب الطالب إلى المدرسة"));
        String once = repair.repair(text);
        assertEquals("الوطن هو تلك\n\nذهب الطالب إلى المدرسة", once);
        assertEquals(once, repair.repair(once));
        assertEquals("", repair.repair(null));
    }
}
