package mr.bacmr.ingestion.domain;

/** A document to register: where its bytes are and how it is catalogued. */
public record NewDocument(String objectKey, String title, String subject, String level, String language,
                          String source, String createdBy) {
}
