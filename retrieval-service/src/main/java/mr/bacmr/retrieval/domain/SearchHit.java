package mr.bacmr.retrieval.domain;

import java.util.UUID;

/** One cited passage: where it comes from (document, page, chunk) and how well it matched. */
public record SearchHit(String chunkId, UUID documentId, String title, int page, String language, double score,
                        String text, String snippet) {
}
