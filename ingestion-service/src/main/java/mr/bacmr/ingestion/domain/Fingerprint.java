package mr.bacmr.ingestion.domain;

/** What registration learns from the stored bytes: their sha256 (the file id) and size. */
public record Fingerprint(String fileId, long size) {
}
