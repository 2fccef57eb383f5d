package mr.bacmr.ingestion.chunking;

import java.util.Locale;

/**
 * Chunk size and overlap, in o200k_base tokens, per content language.
 *
 * <p>Arabic gets smaller chunks because the same content costs more tokens in Arabic
 * (≈1.7 o200k tokens per word against ≈1.3 in French): 384 Arabic tokens hold roughly as many
 * words as 512 French ones. Hassaniya is written in Arabic script and is chunked as Arabic.
 *
 * @param language canonical key: {@code fr}, {@code ar}, {@code en} or {@code other}
 */
public record ChunkingPolicy(String language, int maxTokens, int overlapTokens) {

    public static final ChunkingPolicy FRENCH = new ChunkingPolicy("fr", 512, 64);
    public static final ChunkingPolicy ARABIC = new ChunkingPolicy("ar", 384, 48);
    public static final ChunkingPolicy ENGLISH = new ChunkingPolicy("en", 512, 64);
    public static final ChunkingPolicy OTHER = new ChunkingPolicy("other", 512, 64);

    public ChunkingPolicy {
        if (maxTokens < 8 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            // overlap must stay below half a chunk, else a chunk could end before the next one starts moving
            throw new IllegalArgumentException("need maxTokens >= 8 and 0 <= overlapTokens < maxTokens / 2");
        }
    }

    /**
     * Policy for a language hint such as {@code fr}, {@code fr-FR}, {@code ar}, {@code ar-MR},
     * {@code hassaniya} or {@code mey} (ISO 639-3 for Hassaniya). Unknown or missing → {@link #OTHER}.
     */
    public static ChunkingPolicy forLanguage(String language) {
        if (language == null || language.isBlank()) {
            return OTHER;
        }
        String primary = language.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return switch (primary) {
            case "fr", "fra", "fre", "french" -> FRENCH;
            case "ar", "ara", "arabic", "mey", "hassaniya", "hassaniyya" -> ARABIC;
            case "en", "eng", "english" -> ENGLISH;
            default -> OTHER;
        };
    }
}
