package mr.bacmr.ingestion.extraction;

import java.text.Normalizer;

/**
 * Repairs Arabic text as PDF text layers give it, line by line: lines left in visual order are
 * reversed (see {@link VisualOrderDetector}), presentation forms folded, bidi controls, tatweel and
 * unmapped glyphs removed, words split at a kashida or before a lone ة rejoined, runs of spaces
 * collapsed. Pure, deterministic and idempotent; Latin text is only touched by the last two steps.
 */
public final class ArabicTextRepair {

    private final VisualOrderDetector visualOrderDetector = new VisualOrderDetector();

    public String repair(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            out.append(repairLine(text.substring(lineStart, lineEnd)));
            if (lineEnd < text.length()) {
                out.append('\n');
            }
            lineStart = lineEnd + 1;
        }
        return out.toString();
    }

    private String repairLine(String line) {
        // Order matters: visual order is recognised from presentation forms, before they are folded.
        String logical = visualOrderDetector.looksVisual(line) ? VisualOrderDetector.reverseToLogical(line) : line;
        return collapseSpaces(joinStrayTaMarbuta(removeInvisibles(joinAcrossKashida(foldPresentationForms(logical)))));
    }

    /** NFKC on Arabic presentation forms only: NFKC elsewhere would also rewrite digits, fractions, ligatures. */
    static String foldPresentationForms(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isPresentationForm(c)) {
                if (out == null) {
                    out = new StringBuilder(line.length() + 8).append(line, 0, i);
                }
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC).strip());
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? line : out.toString();
    }

    static boolean isPresentationForm(char c) {
        return (c >= '\uFB50' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF');
    }

    /**
     * Removes spaces that split a word at a kashida. Justified Arabic stretches words with tatweel,
     * and a tatweel only ever links two letters of one word, so a space right after "letter+tatweel"
     * or right before "tatweel+letter" was put there by justification or by the extractor's gap
     * rule ("غيـ ـر" in the IPN textbook). A lone tatweel used as a dash ("أ ـ اذكر") is left alone.
     */
    static String joinAcrossKashida(String line) {
        if (line.indexOf(TATWEEL) < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' && (kashidaEndsBefore(line, i) || kashidaStartsAfter(line, i))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static final char TATWEEL = '\u0640';
    private static final char TA_MARBUTA = '\u0629';

    /**
     * Re-attaches a lone ta marbuta to the word before it ("المجرد ة" in the IPN textbook, where the
     * text layer holds a space after the non-joining dal). No Arabic word starts with ة, so a ة
     * standing alone after an Arabic letter can only be that word's ending.
     */
    static String joinStrayTaMarbuta(String line) {
        if (line.indexOf(TA_MARBUTA) < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean strayNext = c == ' ' && i > 0 && i + 1 < line.length()
                    && line.charAt(i + 1) == TA_MARBUTA
                    && VisualOrderDetector.isArabicLetter(line.charAt(i - 1))
                    && (i + 2 == line.length() || !VisualOrderDetector.isArabicLetter(line.charAt(i + 2)));
            if (!strayNext) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** "letter tatweel+ |space| letter" */
    private static boolean kashidaEndsBefore(String line, int space) {
        int j = space - 1;
        int tatweels = 0;
        while (j >= 0 && line.charAt(j) == TATWEEL) {
            j--;
            tatweels++;
        }
        return tatweels > 0 && j >= 0 && VisualOrderDetector.isArabicLetter(line.charAt(j))
                && space + 1 < line.length() && VisualOrderDetector.isArabicLetter(line.charAt(space + 1));
    }

    /** "letter |space| tatweel+ letter" */
    private static boolean kashidaStartsAfter(String line, int space) {
        int j = space + 1;
        int tatweels = 0;
        while (j < line.length() && line.charAt(j) == TATWEEL) {
            j++;
            tatweels++;
        }
        return tatweels > 0 && j < line.length() && VisualOrderDetector.isArabicLetter(line.charAt(j))
                && space > 0 && VisualOrderDetector.isArabicLetter(line.charAt(space - 1));
    }

    /** Bidi controls, tatweel, unmapped glyphs (U+FFFD) and control characters carry no text. */
    static boolean isInvisibleJunk(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u0640' || c == '\uFFFD' || c == '\uFEFF'
                || (c < 0x20 && c != '\t') || c == 0x7F;
    }

    private static String removeInvisibles(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isInvisibleJunk(c)) {
                if (out == null) {
                    out = new StringBuilder(line.length()).append(line, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? line : out.toString();
    }

    private static String collapseSpaces(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean lastWasSpace = true; // also strips leading spaces
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\u00A0';
            if (space) {
                if (!lastWasSpace) {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
            lastWasSpace = space;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
