package mr.bacmr.ingestion.events;

import java.util.UUID;

/**
 * Payload of {@code bacmr.ingestion.documents} events ({@code document.accepted|completed|failed|deleted}, version 1).
 */
public record DocumentLifecycle(UUID documentId, String fileId, String title, String subject, String level,
                                String language, String source, Integer pageCount, Integer chunkCount,
                                Integer needsOcrPages, String reason) {

    public static final String ACCEPTED = "document.accepted";
    public static final String COMPLETED = "document.completed";
    public static final String FAILED = "document.failed";
    public static final String DELETED = "document.deleted";
}
