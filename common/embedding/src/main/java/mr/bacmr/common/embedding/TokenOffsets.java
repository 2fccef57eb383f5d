package mr.bacmr.common.embedding;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each BPE token of a text starts, as a char offset into that text.
 *
 * <p>JTokkit gives token ids only. Every token decodes to a run of UTF-8 bytes and the runs add up
 * to the text's bytes, so cumulative byte lengths mapped back through the text's own UTF-8 layout
 * give char offsets. A token that ends inside a multi-byte character (byte-level BPE may split
 * one) is mapped to the start of that character; callers verify exact counts anyway.
 */
public final class TokenOffsets {

    /**
     * Byte length of each token id, per encoding, filled as tokens are met: decoding a token costs
     * more than encoding it, and this map is the bulk of the offset work. Covers o200k (≈200k ids)
     * and cl100k; 0 = not yet known (every token has at least one byte; racing writers write the same value).
     */
    private static final int CACHED_IDS = 1 << 18;
    private static final Map<String, short[]> BYTE_LENGTHS = new ConcurrentHashMap<>();

    /** {@code starts[i]} = char offset where token i starts; {@code starts[count]} = text length. */
    private final int[] starts;
    private final int count;

    private TokenOffsets(int[] starts, int count) {
        this.starts = starts;
        this.count = count;
    }

    public static TokenOffsets of(Encoding encoding, String text) {
        IntArrayList tokens = encoding.encodeOrdinary(text);
        int n = tokens.size();
        int[] charAtByte = charOffsetByByte(text);
        int totalBytes = charAtByte.length - 1;
        int[] starts = new int[n + 1];
        short[] lengths = BYTE_LENGTHS.computeIfAbsent(encoding.getName(), name -> new short[CACHED_IDS]);
        IntArrayList one = new IntArrayList(1);
        int bytePos = 0;
        for (int i = 0; i < n; i++) {
            starts[i] = charAtByte[Math.min(bytePos, totalBytes)];
            int id = tokens.get(i);
            int length = id >= 0 && id < CACHED_IDS ? lengths[id] : 0;
            if (length == 0) {
                one.clear();
                one.add(id);
                length = encoding.decodeBytes(one).length;
                if (id >= 0 && id < CACHED_IDS) {
                    lengths[id] = (short) length;
                }
            }
            bytePos += length;
        }
        starts[n] = text.length();
        if (bytePos != totalBytes) {
            // unpaired surrogates encode differently in JTokkit and String.getBytes; fall back to a
            // proportional map, which is only a plan: chunk token counts are verified exactly
            for (int i = 0; i < n; i++) {
                starts[i] = (int) ((long) i * text.length() / Math.max(1, n));
            }
        }
        return new TokenOffsets(starts, n);
    }

    /** Number of tokens. */
    public int count() {
        return count;
    }

    /** Char offset where token {@code i} starts; {@code start(count())} is the text length. */
    public int start(int i) {
        return starts[i];
    }

    /** Index of the token that contains char {@code pos} (the last token starting at or before it). */
    public int tokenContaining(int pos) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Number of tokens that start before char {@code pos}. */
    public int tokensBefore(int pos) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** For each UTF-8 byte offset, the char offset of the character it belongs to; last entry = length. */
    private static int[] charOffsetByByte(String text) {
        int[] map = new int[utf8Length(text) + 1];
        int b = 0;
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < len; k++) {
                map[b++] = c;
            }
            c += Character.charCount(cp);
        }
        map[b] = text.length();
        return map;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            c += Character.charCount(cp);
        }
        return bytes;
    }
}
