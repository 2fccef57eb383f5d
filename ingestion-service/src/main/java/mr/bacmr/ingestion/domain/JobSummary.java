package mr.bacmr.ingestion.domain;

import java.time.Instant;
import java.util.UUID;

/** An ingestion job as operators list it. */
public record JobSummary(UUID id, UUID documentId, String state, int attempt, int pagesDone, Integer pagesTotal,
                         String lastError, Instant updatedAt) {
}
