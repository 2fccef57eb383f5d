package mr.bacmr.ingestion.chunking;

import java.util.Arrays;

/**
 * Word starts and word ends of a text, each end ranked by how good a place it is to cut.
 *
 * <p>A word is a maximal run of non-whitespace characters, so cutting only at word starts and
 * ends never splits a word (punctuation stays attached to the word it follows; no-break spaces
 * U+00A0 and U+202F, used before French {@code ; : ! ?}, are not whitespace here).
 */
final class TextBoundaries {

    /** Cut quality, best first. */
    static final int PARAGRAPH = 0;   // blank line, form feed, or the end of the text
    static final int SENTENCE = 1;    // word ends with . ! ? … ؟ ۔ (closing quotes/brackets allowed after it)
    static final int LINE = 2;        // single line break
    static final int WORD = 3;        // any other whitespace

    final int[] wordStarts;
    final int[] wordEnds;
    final byte[] endKinds;

    private TextBoundaries(int[] wordStarts, int[] wordEnds, byte[] endKinds) {
        this.wordStarts = wordStarts;
        this.wordEnds = wordEnds;
        this.endKinds = endKinds;
    }

    static TextBoundaries of(String text) {
        int len = text.length();
        int[] starts = new int[16];
        int[] ends = new int[16];
        byte[] kinds = new byte[16];
        int n = 0;
        int i = 0;
        while (i < len) {
            while (i < len && isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !isSpace(text.charAt(i))) {
                i++;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
                kinds = Arrays.copyOf(kinds, n * 2);
            }
            starts[n] = start;
            ends[n] = i;
            kinds[n] = (byte) kindOfEnd(text, start, i);
            n++;
        }
        return new TextBoundaries(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), Arrays.copyOf(kinds, n));
    }

    int wordCount() {
        return wordStarts.length;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
    }

    private static int kindOfEnd(String text, int wordStart, int wordEnd) {
        int newlines = 0;
        for (int j = wordEnd; j < text.length() && isSpace(text.charAt(j)); j++) {
            char c = text.charAt(j);
            if (c == '\n' || c == '\u2028') {
                newlines++;
            } else if (c == '\f' || c == '\u2029') {
                newlines += 2;
            }
        }
        if (wordEnd == text.length() || newlines >= 2) {
            return PARAGRAPH;
        }
        if (endsSentence(text, wordStart, wordEnd)) {
            return SENTENCE;
        }
        return newlines == 1 ? LINE : WORD;
    }

    private static boolean endsSentence(String text, int wordStart, int wordEnd) {
        int j = wordEnd - 1;
        while (j > wordStart && isClosing(text.charAt(j))) {
            j--;
        }
        char c = text.charAt(j);
        if (c == '!' || c == '?' || c == '…' || c == '؟' || c == '۔') {
            return true;
        }
        if (c != '.') {
            return false;
        }
        // "M." or "J." is an initial or an abbreviation, not the end of a sentence
        int letters = j - wordStart;
        return !(letters == 1 && Character.isUpperCase(text.charAt(wordStart)));
    }

    private static boolean isClosing(char c) {
        return c == ')' || c == ']' || c == '»' || c == '"' || c == '”' || c == '’' || c == '\'' || c == '›';
    }
}
