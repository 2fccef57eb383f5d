package mr.bacmr.retrieval.domain;

import java.util.List;
import java.util.UUID;

/**
 * A chunk as the index holds it: ids and lightweight metadata, the text for the lexical index (analysed, never
 * stored) and the vectors covering it (one per embedding window; empty when its model is not the query model).
 */
public record IndexedChunk(String chunkId, UUID documentId, String title, String subject, String level,
                           String language, int page, int tokenCount, String text, List<float[]> vectors) {
}
