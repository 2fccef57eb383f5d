package mr.bacmr.ingestion.domain;

import java.util.UUID;

/** A chunk from the canonical store with the catalogue fields of its document. */
public record StoredChunk(String id, UUID documentId, String fileId, int page, int chunkIndex, String language,
                          int tokenCount, int charStart, int charEnd, String text, String textSha256, String title,
                          String subject, String level) {
}
