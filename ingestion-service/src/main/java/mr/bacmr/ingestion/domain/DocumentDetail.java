package mr.bacmr.ingestion.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One document with what ingestion made of it. */
public record DocumentDetail(UUID id, String fileId, String objectKey, String title, String subject, String level,
                             String language, String source, String status, Integer pageCount, Integer chunkCount,
                             int needsOcrPages, List<Integer> needsOcrPageNumbers, String failure, Long sizeBytes,
                             JobSummary latestJob, Instant createdAt, Instant updatedAt) {
}
