package mr.bacmr.common.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chunk into windows the embedding model reads whole: at most {@code maxTokens} tokens of
 * the model's own tokenizer each, cut at whitespace, consecutive windows sharing about
 * {@code overlapTokens} tokens so no phrase is embedded only in pieces. A run without whitespace
 * longer than a window (rare: a URL, a formula) is cut at a token boundary.
 */
public final class WindowSplitter {

    private final WordPieceCounter counter;
    private final int maxTokens;
    private final int overlapTokens;

    public WindowSplitter(WordPieceCounter counter, int maxTokens, int overlapTokens) {
        if (maxTokens < 8 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("need maxTokens >= 8 and 0 <= overlapTokens < maxTokens / 2");
        }
        this.counter = counter;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public List<String> split(String text) {
        int[] ends = counter.tokenEnds(text);
        if (ends.length <= maxTokens) {
            return List.of(text);          // the common case for large-input providers: no second pass
        }
        List<String> windows = new ArrayList<>();
        int start = skipSpace(text, 0);
        while (start < text.length()) {
            int first = tokensEndingBy(ends, start);            // tokens wholly before start
            if (ends.length - first <= maxTokens) {
                windows.add(text.substring(start, trimEnd(text, text.length(), start)));
                break;
            }
            int limit = ends[first + maxTokens - 1];
            int end = lastWordEnd(text, start, limit);
            if (end < 0) {
                end = limit > start ? limit : ends[first];      // no whitespace: cut inside the run
            }
            while (end > start + 1 && counter.count(text.substring(start, end)) > maxTokens) {
                int earlier = lastWordEnd(text, start, end - 1);  // re-check on the window's own text
                end = earlier > 0 ? earlier : end - 1;
            }
            windows.add(text.substring(start, end));
            start = nextStart(text, ends, start, end);
        }
        return windows;
    }

    private int nextStart(String text, int[] ends, int start, int end) {
        if (!isSpace(text.charAt(end - 1)) && end < text.length() && !isSpace(text.charAt(end))) {
            return end;                                         // cut inside a run: continue from it
        }
        int target = tokensEndingBy(ends, end) - overlapTokens;
        int from = target <= 0 ? 0 : ends[target - 1];
        int next = nextWordStart(text, Math.max(from, start + 1));
        return next < end ? next : skipSpace(text, end);
    }

    /** Number of tokens whose end is at or before {@code pos}. */
    private static int tokensEndingBy(int[] ends, int pos) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Latest position in (start, limit] that ends a word (next char is whitespace or text end), or -1. */
    private static int lastWordEnd(String text, int start, int limit) {
        for (int p = Math.min(limit, text.length()); p > start; p--) {
            if (!isSpace(text.charAt(p - 1)) && (p == text.length() || isSpace(text.charAt(p)))) {
                return p;
            }
        }
        return -1;
    }

    /** First word start at or after {@code from} (a non-space char preceded by a space). */
    private static int nextWordStart(String text, int from) {
        int p = from;
        while (p < text.length() && !(isSpace(text.charAt(p - 1)) && !isSpace(text.charAt(p)))) {
            p++;
        }
        return p;
    }

    private static int skipSpace(String text, int from) {
        int p = from;
        while (p < text.length() && isSpace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int trimEnd(String text, int end, int start) {
        int p = end;
        while (p > start && isSpace(text.charAt(p - 1))) {
            p--;
        }
        return p;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }
}
