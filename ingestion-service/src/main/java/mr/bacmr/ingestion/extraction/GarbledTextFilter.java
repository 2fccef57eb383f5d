package mr.bacmr.ingestion.extraction;

/**
 * Recognises text-layer junk: lines written with legacy Arabic fonts that have no Unicode mapping
 * come out as Latin-1 soup ("ÚÓ„áæa@ÚÓi€a@" on the IPN civics cover), which is worse than no
 * text: it would be indexed and detected as some Latin language.
 */
final class GarbledTextFilter {

    private static final int MIN_SUSPICIOUS = 3;
    private static final double MAX_SUSPICIOUS_SHARE = 0.2;
    private static final String FRENCH_LATIN1 = "àâäçéèêëîïôöùûüÿæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆ«»°\u00A0";
    private static final String CP1252_ONLY = "‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ€";

    private GarbledTextFilter() {
    }

    /** The text without its garbled lines. */
    static String dropGarbledLines(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (!isGarbled(line)) {
                if (kept.length() > 0) {
                    kept.append('\n');
                }
                kept.append(line);
            }
        }
        return kept.toString();
    }

    static boolean isGarbled(String line) {
        int suspicious = 0;
        int visible = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            visible++;
            if (isSuspicious(line, i)) {
                suspicious++;
            }
        }
        return suspicious >= MIN_SUSPICIOUS && suspicious >= MAX_SUSPICIOUS_SHARE * visible;
    }

    private static boolean isSuspicious(String line, int i) {
        char c = line.charAt(i);
        if (c >= '\u0080' && c <= '\u00FF') {
            return FRENCH_LATIN1.indexOf(c) < 0;
        }
        if (CP1252_ONLY.indexOf(c) >= 0) {
            return true;
        }
        // "@" glued to letters on both sides is a glyph of the legacy font, not an e-mail sign
        return c == '@' && i > 0 && i + 1 < line.length()
                && Character.isLetter(line.charAt(i - 1)) && Character.isLetter(line.charAt(i + 1));
    }

    /** Letters and digits: what a page needs to count as having a text layer. */
    static int countLettersAndDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
