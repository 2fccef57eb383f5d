package mr.bacmr.ingestion.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks every chunk property of one page, computed independently of the chunker's own helpers,
 * and collects statistics for the report.
 */
final class ChunkChecks {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…؟۔][)\\]»\"”’'›]*$");
    private static final Pattern SENTENCE_END_INSIDE = Pattern.compile("[.!?…؟۔][)\\]»\"”’'›]*(?=\\s)|\\S(?=\\s*\\n\\s*\\n)");

    final List<Integer> tokenCounts = new ArrayList<>();
    final List<Integer> overlaps = new ArrayList<>();
    int chunks;
    int pages;
    int nonLastChunks;
    int nonLastEndingAtSentence;
    int nonLastWithSentenceEndAvailable;
    int nonLastWithSentenceEndAvailableEndingAtSentence;

    /** Asserts the invariants of one page's chunks and records statistics. */
    void check(String fileId, int page, String text, List<Chunk> result, ChunkingPolicy policy, TokenChunker chunker) {
        pages++;
        if (text.isBlank()) {
            assertTrue(result.isEmpty(), "a blank page gives no chunk");
            return;
        }
        int firstNonBlank = 0;
        while (Character.isWhitespace(text.charAt(firstNonBlank))) {
            firstNonBlank++;
        }
        int lastNonBlankEnd = text.length();
        while (Character.isWhitespace(text.charAt(lastNonBlankEnd - 1))) {
            lastNonBlankEnd--;
        }
        assertEquals(firstNonBlank, result.get(0).charStart(), "coverage starts at the first non-blank char");
        assertEquals(lastNonBlankEnd, result.get(result.size() - 1).charEnd(), "coverage ends at the last non-blank char");

        for (int i = 0; i < result.size(); i++) {
            Chunk c = result.get(i);
            chunks++;
            tokenCounts.add(c.tokenCount());
            assertEquals(i, c.index(), "indexes run from 0 on every page");
            assertEquals(page, c.page());
            assertEquals(fileId, c.fileId());
            assertEquals(policy.language(), c.language());
            assertEquals(sha256(fileId + ":" + page + ":" + i), c.id(), "id = sha256(file:page:index)");
            assertEquals(text.substring(c.charStart(), c.charEnd()), c.text());
            assertEquals(sha256(c.text()), c.textSha256());
            assertEquals(chunker.countTokens(c.text()), c.tokenCount(), "tokenCount is the chunk text's own count");
            assertTrue(c.tokenCount() <= policy.maxTokens(),
                    () -> "chunk " + c.index() + " has " + c.tokenCount() + " > " + policy.maxTokens() + " tokens");
            assertTrue(c.charStart() == 0 || Character.isWhitespace(text.charAt(c.charStart() - 1)),
                    () -> "chunk starts inside a word: …" + around(text, c.charStart()));
            assertTrue(c.charEnd() == text.length() || Character.isWhitespace(text.charAt(c.charEnd())),
                    () -> "chunk ends inside a word: …" + around(text, c.charEnd()));
            if (i > 0) {
                Chunk previous = result.get(i - 1);
                assertTrue(c.charStart() > previous.charStart(), "chunks move forward");
                assertTrue(c.charStart() <= previous.charEnd()
                                || text.substring(previous.charEnd(), c.charStart()).isBlank(),
                        "nothing but whitespace between consecutive chunks");
                if (c.charStart() < previous.charEnd()) {
                    overlaps.add(chunker.countTokens(text.substring(c.charStart(), previous.charEnd())));
                }
            }
            if (i < result.size() - 1) {
                nonLastChunks++;
                boolean endsAtSentence = endsAtSentence(text, c);
                if (endsAtSentence) {
                    nonLastEndingAtSentence++;
                }
                if (hasSentenceEndInSecondHalf(c.text())) {
                    nonLastWithSentenceEndAvailable++;
                    if (endsAtSentence) {
                        nonLastWithSentenceEndAvailableEndingAtSentence++;
                    }
                }
            }
        }
    }

    private static boolean endsAtSentence(String text, Chunk c) {
        if (SENTENCE_END.matcher(c.text()).find()) {
            return true;
        }
        int blankLines = 0;
        for (int j = c.charEnd(); j < text.length() && Character.isWhitespace(text.charAt(j)); j++) {
            if (text.charAt(j) == '\n') {
                blankLines++;
            }
        }
        return blankLines >= 2;
    }

    private static boolean hasSentenceEndInSecondHalf(String chunkText) {
        return SENTENCE_END_INSIDE.matcher(chunkText).region(chunkText.length() / 2, chunkText.length()).find();
    }

    double medianOverlap() {
        return median(overlaps);
    }

    static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    String summary(String label) {
        var stats = tokenCounts.stream().mapToInt(Integer::intValue).summaryStatistics();
        var ov = overlaps.stream().mapToInt(Integer::intValue).summaryStatistics();
        return String.format(
                "%s: pages=%d chunks=%d tokens/chunk min=%d median=%.0f mean=%.1f max=%d | overlap n=%d min=%d median=%.0f max=%d"
                        + " | non-last chunks ending at a sentence/paragraph end: %d/%d (%d/%d where one was in the second half)",
                label, pages, chunks, stats.getMin(), median(tokenCounts), stats.getAverage(), stats.getMax(),
                ov.getCount(), ov.getCount() == 0 ? 0 : ov.getMin(), medianOverlap(), ov.getCount() == 0 ? 0 : ov.getMax(),
                nonLastEndingAtSentence, nonLastChunks,
                nonLastWithSentenceEndAvailableEndingAtSentence, nonLastWithSentenceEndAvailable);
    }

    private static String around(String text, int pos) {
        return text.substring(Math.max(0, pos - 20), Math.min(text.length(), pos + 20)).replace('\n', '⏎');
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
