package mr.bacmr.ingestion.domain;

/** Optional filters of the document list; a null field does not filter. */
public record DocumentFilter(String subject, String level, String language, String status) {
}
