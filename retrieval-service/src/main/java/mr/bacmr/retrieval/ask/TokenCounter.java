package mr.bacmr.retrieval.ask;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts tokens the way the chat models of the gpt-4o family do (o200k_base, the encoding ingestion chunks with),
 * so the tier's context budget and the credit estimate match what the provider will bill. Thread-safe.
 */
@ApplicationScoped
public class TokenCounter {

    /** Per-message framing of the chat format (role markers), and the priming of the reply, per OpenAI's recipe. */
    static final int PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Input tokens of a chat request made of these messages. */
    public int countMessages(String... messages) {
        int total = REPLY_PRIMING;
        for (String message : messages) {
            total += PER_MESSAGE + count(message);
        }
        return total;
    }

    /** The longest prefix of {@code text} that encodes to at most {@code maxTokens} tokens. */
    public String truncate(String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        EncodingResult result = encoding.encodeOrdinary(text, maxTokens);
        if (!result.isTruncated()) {
            return text;
        }
        return text.substring(0, Math.min(text.length(), result.getLastProcessedCharacterIndex() + 1));
    }
}
