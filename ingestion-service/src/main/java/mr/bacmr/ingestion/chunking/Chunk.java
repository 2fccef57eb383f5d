package mr.bacmr.ingestion.chunking;

import mr.bacmr.common.embedding.TextToEmbed;

/**
 * One chunk of one page.
 *
 * @param id          lowercase hex sha256 of {@code fileId + ":" + page + ":" + index}
 * @param index       position of the chunk within its page, from 0 (numbering restarts on every page,
 *                    which is what makes the id stable when other pages change)
 * @param text        exactly {@code pageText.substring(charStart, charEnd)}
 * @param tokenCount  o200k_base tokens of {@code text}, counted on the text itself
 * @param charStart   inclusive offset in the page text
 * @param charEnd     exclusive offset in the page text
 * @param language    canonical language of the policy used ({@code fr}, {@code ar}, {@code en}, {@code other})
 * @param textSha256  lowercase hex sha256 of the UTF-8 bytes of {@code text}
 */
public record Chunk(
        String id,
        String fileId,
        int page,
        int index,
        String text,
        int tokenCount,
        int charStart,
        int charEnd,
        String language,
        String textSha256) implements TextToEmbed {
}
