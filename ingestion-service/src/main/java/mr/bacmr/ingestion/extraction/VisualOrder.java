package mr.bacmr.ingestion.extraction;

import java.text.Bidi;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a line held in visual order (left to right as drawn) into logical order.
 *
 * <p>Works on "units" rather than chars: a unit is one glyph's text (which PDF text layers
 * already give in logical order, e.g. a lam-alef ligature maps to "لا") or one base letter with
 * its combining marks. The inverse of the Unicode bidi reordering is computed the way PDFBox and
 * pdf.js do it: resolve levels on the visual sequence and reorder it; for the two-level text of
 * real documents (RTL paragraph with embedded numbers or Latin words) the reordering is its own
 * inverse.
 *
 * <p>Brackets are not mirrored: producers that shape text (InDesign, LibreOffice, browsers) map each
 * glyph to the character the shaper was given, so a "(" drawn mirrored is already "(" in the text
 * layer. PDFBox's own writer mirrors them and turns "(الدولة)" in the IPN textbook into ")الدولة(".
 */
final class VisualOrder {

    private static final char STRONG_R = '\u05D0'; // Hebrew alef: strong RTL, no Arabic-number side effects
    private static final char STRONG_L = 'a';
    private static final char EUROPEAN_DIGIT = '1';
    private static final char ARABIC_DIGIT = '\u0661';

    private VisualOrder() {
    }

    /** Reorders units drawn left to right into reading order. */
    static List<String> toLogical(List<String> visualUnits, boolean rtlParagraph) {
        int n = visualUnits.size();
        if (n == 0) {
            return List.of();
        }
        char[] placeholders = new char[n];
        for (int i = 0; i < n; i++) {
            placeholders[i] = placeholder(visualUnits.get(i));
        }
        Bidi bidi = new Bidi(placeholders, 0, null, 0, n,
                rtlParagraph ? Bidi.DIRECTION_RIGHT_TO_LEFT : Bidi.DIRECTION_LEFT_TO_RIGHT);
        byte[] levels = new byte[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            levels[i] = (byte) bidi.getLevelAt(i);
            order[i] = i;
        }
        Bidi.reorderVisually(levels, 0, order, 0, n);
        List<String> logical = new ArrayList<>(n);
        for (Integer index : order) {
            logical.add(visualUnits.get(index));
        }
        return logical;
    }

    /** True when the text has at least as many right-to-left letters as left-to-right ones. */
    static boolean isRtlDominant(CharSequence text) {
        int rtl = 0;
        int ltr = 0;
        for (int i = 0; i < text.length(); i++) {
            byte d = Character.getDirectionality(text.charAt(i));
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT) {
                rtl++;
            } else if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                ltr++;
            }
        }
        return rtl > 0 && rtl >= ltr;
    }

    static boolean containsRtl(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            byte d = Character.getDirectionality(text.charAt(i));
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT) {
                return true;
            }
        }
        return false;
    }

    /** One char standing for the unit's bidi class: its first strong char decides, else digits, else itself. */
    private static char placeholder(String unit) {
        boolean europeanDigit = false;
        boolean arabicDigit = false;
        for (int i = 0; i < unit.length(); i++) {
            byte d = Character.getDirectionality(unit.charAt(i));
            switch (d) {
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC -> {
                    return STRONG_R;
                }
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT -> {
                    return STRONG_L;
                }
                case Character.DIRECTIONALITY_EUROPEAN_NUMBER -> europeanDigit = true;
                case Character.DIRECTIONALITY_ARABIC_NUMBER -> arabicDigit = true;
                default -> {
                    // neutral or weak: keep looking for a strong char
                }
            }
        }
        if (europeanDigit) {
            return EUROPEAN_DIGIT;
        }
        if (arabicDigit) {
            return ARABIC_DIGIT;
        }
        return unit.length() == 1 ? unit.charAt(0) : ' ';
    }
}
