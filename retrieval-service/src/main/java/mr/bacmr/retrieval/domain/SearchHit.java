package mr.bacmr.retrieval.domain;

import java.util.UUID;

/**
 * One cited passage: where it comes from (document, page, chunk), how well it matched, its canonical text and a
 * highlighted snippet. {@code text} and {@code snippet} are null when the canonical store could not be reached.
 *
 * @param tokenCount o200k tokens of the chunk text (from the index metadata), for context budgets
 */
public record SearchHit(String chunkId, UUID documentId, String title, int page, String language, double score,
                        String text, String snippet, int tokenCount) {
}
