package mr.bacmr.ingestion.extraction;

/**
 * The file can never be extracted as it is: retrying the job will not help, so the service fails
 * it for good and shows {@link #getMessage()} to the uploader.
 */
public class PdfRejectedException extends Exception {

    /** Why the file was refused. */
    public enum Reason {
        /** A user password is needed, or the owner forbids text extraction. */
        ENCRYPTED,
        /** Starts like a PDF but its structure cannot be read (truncated, broken, garbage). */
        CORRUPT,
        /** Zero bytes, or a readable PDF with no page. */
        EMPTY,
        /** No "%PDF-" header: some other kind of file. */
        NOT_PDF,
        /** More pages than the configured limit. */
        TOO_MANY_PAGES
    }

    private final Reason reason;

    public PdfRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PdfRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
