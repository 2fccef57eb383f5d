package mr.bacmr.ingestion.domain;

import java.time.Instant;
import java.util.UUID;

/** A registered document as lists show it. */
public record DocumentSummary(UUID id, String fileId, String title, String subject, String level, String language,
                              String status, Integer pageCount, Integer chunkCount, Instant createdAt) {
}
