package mr.bacmr.ingestion.domain;

import java.time.Instant;
import java.util.UUID;

/** An ingestion job's progress as clients and operators see it. */
public record JobSummary(UUID id, String kind, UUID documentId, String state, int attempt, int maxAttempts,
                         int pagesDone, Integer pagesTotal, int chunksDone, Integer chunksTotal, String lastError,
                         Instant nextRunAt, Instant updatedAt) {

    public boolean isTerminal() {
        return JobState.valueOf(state).isTerminal();
    }
}
