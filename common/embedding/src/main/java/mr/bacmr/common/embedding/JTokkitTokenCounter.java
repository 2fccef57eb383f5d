package mr.bacmr.common.embedding;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * {@link WordPieceCounter} for OpenAI-compatible embedding endpoints: OpenAI's embedding models
 * (text-embedding-3-small/-large, ada-002) tokenise with cl100k_base and accept 8,191 tokens.
 */
public final class JTokkitTokenCounter implements WordPieceCounter {

    /** Input limit of OpenAI's embedding models, in cl100k_base tokens. */
    public static final int OPENAI_MAX_INPUT_TOKENS = 8191;

    private final Encoding encoding;

    public JTokkitTokenCounter(EncodingType type) {
        this.encoding = Encodings.newDefaultEncodingRegistry().getEncoding(type);
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    @Override
    public int[] tokenEnds(String text) {
        TokenOffsets offsets = TokenOffsets.of(encoding, text);
        int[] ends = new int[offsets.count()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = offsets.start(i + 1);
        }
        return ends;
    }
}
