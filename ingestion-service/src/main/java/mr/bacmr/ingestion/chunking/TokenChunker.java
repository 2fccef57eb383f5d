package mr.bacmr.ingestion.chunking;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mr.bacmr.common.embedding.TokenOffsets;

/**
 * Splits one page's text into overlapping chunks of at most {@link ChunkingPolicy#maxTokens()}
 * o200k_base tokens (the encoding of the gpt-4o family, which prices Arabic close to French).
 *
 * <p>How a page is cut:
 * <ul>
 *   <li>The page is encoded once; token positions are mapped to char offsets ({@link TokenOffsets}),
 *       so a window of N tokens is found by lookup rather than by re-encoding candidate windows.</li>
 *   <li>A chunk ends at the latest paragraph or sentence end in the second half of its window;
 *       failing that at the latest line break there; failing that at the latest word end. Only a
 *       single "word" longer than the whole window (no whitespace at all) is cut inside, at a token
 *       boundary.</li>
 *   <li>Each chunk's exact count is taken on its own text (a substring may tokenise a little
 *       differently from the same span inside the page); if it exceeds the limit the end moves back
 *       word by word. So {@code tokenCount <= maxTokens} always holds.</li>
 *   <li>The next chunk starts at the word start nearest to {@code overlapTokens} tokens before the
 *       previous end, so consecutive chunks overlap by about that much and every non-blank
 *       character of the page is in some chunk. Leading and trailing whitespace is left out.</li>
 * </ul>
 * Chunk indexes restart at 0 on every page: the id is {@code sha256(fileId:page:index)}, so a
 * page's ids depend on that page's text only. Output is a pure function of the input.
 * Thread-safe; create one and share it.
 */
public final class TokenChunker {

    // building the registry loads every vocabulary: do it once per JVM; Encoding is thread-safe
    private static final Encoding O200K =
            Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public List<Chunk> chunk(String fileId, int page, String text, String language) {
        return chunk(fileId, page, text, ChunkingPolicy.forLanguage(language));
    }

    public List<Chunk> chunk(String fileId, int page, String text, ChunkingPolicy policy) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Work on the page without its outer blanks (no chunk includes them): a chunk spanning the whole of it is
        // then the very string that was encoded, and its count is known without encoding it again.
        int lead = 0;
        while (TextBoundaries.isSpace(text.charAt(lead))) {
            lead++;
        }
        int trail = text.length();
        while (trail > lead && TextBoundaries.isSpace(text.charAt(trail - 1))) {
            trail--;
        }
        String core = text.substring(lead, trail);
        List<Chunk> chunks = chunkCore(fileId, page, core, policy);
        if (lead == 0 || chunks.isEmpty()) {
            return chunks;
        }
        final int shift = lead;
        return chunks.stream().map(c -> new Chunk(c.id(), c.fileId(), c.page(), c.index(), c.text(), c.tokenCount(),
                c.charStart() + shift, c.charEnd() + shift, c.language(), c.textSha256())).toList();
    }

    private List<Chunk> chunkCore(String fileId, int page, String text, ChunkingPolicy policy) {
        if (text.isEmpty()) {
            return List.of();
        }
        TextBoundaries words = TextBoundaries.of(text);
        TokenOffsets tokens = TokenOffsets.of(O200K, text);
        int max = policy.maxTokens();
        int textEnd = words.wordEnds[words.wordCount() - 1];
        List<Chunk> chunks = new ArrayList<>();
        int start = words.wordStarts[0];
        while (true) {
            int firstToken = tokens.tokenContaining(start);
            int end;
            if (tokens.tokensBefore(textEnd) - firstToken <= max) {
                end = textEnd;
            } else {
                int limit = tokens.start(Math.min(firstToken + max, tokens.count()));
                int minFill = tokens.start(Math.min(firstToken + max / 2, tokens.count()));
                end = chooseEnd(words, start, minFill, limit);
                if (end < 0) {
                    end = cutInsideWord(text, start, limit);
                }
            }
            int count = exactCount(text, tokens, start, end);
            while (count > max) {
                end = shrink(words, tokens, text, start, end);
                count = countTokens(text.substring(start, end));
            }
            chunks.add(newChunk(fileId, page, chunks.size(), text, start, end, count, policy));
            if (end >= textEnd) {
                return chunks;
            }
            start = nextStart(words, tokens, text, start, end, policy.overlapTokens());
        }
    }

    /**
     * The exact count of {@code text[start, end)} without encoding all of it again. o200k splits text into
     * pre-tokens before BPE and never merges across them; a single space between two non-blank characters always
     * starts a pre-token (" word"), in the page as in the chunk. So between the chunk's first and last such space the
     * page's own tokens are the chunk's tokens, and only the two edges are encoded again.
     */
    private int exactCount(String text, TokenOffsets tokens, int start, int end) {
        if (start == 0 && end == text.length()) {
            return tokens.count();
        }
        int first = nextPreTokenSpace(text, start + 1, end);
        int last = first < 0 ? -1 : previousPreTokenSpace(text, end - 1, first);
        if (last <= first || !isTokenStart(tokens, first) || !isTokenStart(tokens, last)) {
            return countTokens(text.substring(start, end));
        }
        return countTokens(text.substring(start, first)) + tokens.tokensBefore(last) - tokens.tokensBefore(first)
                + countTokens(text.substring(last, end));
    }

    private static int nextPreTokenSpace(String text, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (isPreTokenSpace(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int previousPreTokenSpace(String text, int from, int floor) {
        for (int i = from; i > floor; i--) {
            if (isPreTokenSpace(text, i)) {
                return i;
            }
        }
        return -1;
    }

    /** A plain space with a non-blank character on each side: where a " word" pre-token begins. */
    private static boolean isPreTokenSpace(String text, int i) {
        return text.charAt(i) == ' ' && i > 0 && i + 1 < text.length()
                && !Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i + 1));
    }

    private static boolean isTokenStart(TokenOffsets tokens, int pos) {
        return tokens.start(tokens.tokenContaining(pos)) == pos;
    }

    /** o200k_base token count of a text, special-token strings counted as ordinary text. */
    public int countTokens(String text) {
        return O200K.countTokensOrdinary(text);
    }

    /** Latest best-ranked word end in (start, limit]; sentence and line ends only past minFill. */
    private static int chooseEnd(TextBoundaries words, int start, int minFill, int limit) {
        int last = upperIndex(words.wordEnds, limit);           // last word end <= limit
        int lineEnd = -1;
        for (int i = last; i >= 0 && words.wordEnds[i] > start && words.wordEnds[i] >= minFill; i--) {
            int kind = words.endKinds[i];
            if (kind <= TextBoundaries.SENTENCE) {
                return words.wordEnds[i];
            }
            if (kind == TextBoundaries.LINE && lineEnd < 0) {
                lineEnd = words.wordEnds[i];
            }
        }
        if (lineEnd >= 0) {
            return lineEnd;
        }
        return last >= 0 && words.wordEnds[last] > start ? words.wordEnds[last] : -1;
    }

    /** Moves an over-long end back to the previous word end, or one token back inside a word. */
    private static int shrink(TextBoundaries words, TokenOffsets tokens, String text, int start, int end) {
        int previous = upperIndex(words.wordEnds, end - 1);
        if (previous >= 0 && words.wordEnds[previous] > start) {
            return words.wordEnds[previous];
        }
        int tokenBefore = tokens.start(Math.max(0, tokens.tokensBefore(end) - 1));
        return cutInsideWord(text, start, tokenBefore > start ? tokenBefore : end - 1);
    }

    /** A cut inside one whitespace-free run longer than a window: unavoidable, never splits a surrogate pair. */
    private static int cutInsideWord(String text, int start, int limit) {
        int end = Math.max(limit, start + 1);
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end)) && end - 1 > start) {
            end--;
        }
        return end;
    }

    /** Word start nearest to {@code overlap} tokens before {@code end}, strictly after {@code start}. */
    private static int nextStart(TextBoundaries words, TokenOffsets tokens, String text,
                                 int start, int end, int overlap) {
        if (!TextBoundaries.isSpace(text.charAt(end)) && !TextBoundaries.isSpace(text.charAt(end - 1))) {
            return end;   // the chunk was cut inside an over-long word: carry on from the cut, no overlap
        }
        int firstAfterEnd = lowerIndex(words.wordStarts, end);
        int afterEnd = words.wordStarts[firstAfterEnd];   // exists: end < last word end
        if (overlap == 0) {
            return afterEnd;
        }
        int target = tokens.start(Math.max(0, tokens.tokensBefore(end) - overlap));
        int k = lowerIndex(words.wordStarts, target);               // first word start >= target
        int best = -1;
        for (int i = Math.max(0, k - 1); i <= Math.min(k, words.wordCount() - 1); i++) {
            int candidate = words.wordStarts[i];
            if (candidate > start && candidate < end
                    && (best < 0 || Math.abs(candidate - target) < Math.abs(best - target))) {
                best = candidate;
            }
        }
        return best >= 0 ? best : afterEnd;
    }

    private static Chunk newChunk(String fileId, int page, int index, String text,
                                  int start, int end, int tokenCount, ChunkingPolicy policy) {
        String chunkText = text.substring(start, end);
        return new Chunk(Sha256.chunkId(fileId, page, index), fileId, page, index, chunkText,
                tokenCount, start, end, policy.language(), Sha256.hex(chunkText));
    }

    /** Index of the last element <= value, or -1. */
    private static int upperIndex(int[] sorted, int value) {
        int i = Arrays.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 2;
    }

    /** Index of the first element >= value (length if none). */
    private static int lowerIndex(int[] sorted, int value) {
        int i = Arrays.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 1;
    }
}
