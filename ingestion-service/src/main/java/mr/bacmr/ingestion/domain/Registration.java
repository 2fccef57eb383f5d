package mr.bacmr.ingestion.domain;

import java.util.UUID;

/** The outcome of registering bytes: a new document with its job, or the one those bytes already made. */
public record Registration(DocumentDetail document, UUID jobId, boolean created) {
}
