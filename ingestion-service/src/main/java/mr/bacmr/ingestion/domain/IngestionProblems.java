package mr.bacmr.ingestion.domain;

import java.net.URI;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/** The precise problems the ingestion API answers with; clients switch on their types. */
public final class IngestionProblems {

    public static final URI UPLOAD_TYPE_NOT_ALLOWED = ProblemType.of("upload-type-not-allowed");
    public static final URI FILE_TOO_LARGE = ProblemType.of("file-too-large");
    public static final URI FILE_EMPTY = ProblemType.of("file-empty");
    public static final URI OBJECT_NOT_FOUND = ProblemType.of("object-not-found");
    public static final URI OBJECT_NOT_YOURS = ProblemType.of("object-not-yours");
    public static final URI NOT_A_PDF = ProblemType.of("not-a-pdf");
    public static final URI JOB_STATE_CONFLICT = ProblemType.of("job-state-conflict");

    public static ProblemException typeNotAllowed(String contentType) {
        return new ProblemException(415, UPLOAD_TYPE_NOT_ALLOWED, "Upload type not allowed",
                "only application/pdf can be uploaded, not " + contentType);
    }

    public static ProblemException tooLarge(long size, long max) {
        return new ProblemException(413, FILE_TOO_LARGE, "File too large",
                "the file has " + size + " bytes; the limit is " + max);
    }

    public static ProblemException empty() {
        return new ProblemException(422, FILE_EMPTY, "File is empty", "the uploaded object has no bytes");
    }

    public static ProblemException objectNotFound(String key) {
        return new ProblemException(422, OBJECT_NOT_FOUND, "Object not found",
                "nothing was uploaded at " + key + " (or the upload has not finished)");
    }

    public static ProblemException objectNotYours(String key) {
        return new ProblemException(403, OBJECT_NOT_YOURS, "Object not yours",
                key + " was not uploaded by you; register the objects you uploaded");
    }

    public static ProblemException notAPdf() {
        return new ProblemException(422, NOT_A_PDF, "Not a PDF", "the object does not start with a PDF header");
    }

    public static ProblemException jobStateConflict(String detail) {
        return new ProblemException(409, JOB_STATE_CONFLICT, "Job state conflict", detail);
    }

    private IngestionProblems() {
    }
}
