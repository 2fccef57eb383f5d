package mr.bacmr.ingestion.extraction;

/**
 * Text of one page.
 *
 * @param number   1-based page number
 * @param text     repaired text in logical order; empty when {@code needsOcr}
 * @param language "ar", "fr", "en" or "other"
 * @param needsOcr the page has no usable text layer (a scan); kept so it is never silently dropped
 */
public record ExtractedPage(int number, String text, String language, boolean needsOcr) {

    public ExtractedPage {
        if (number < 1) {
            throw new IllegalArgumentException("page numbers start at 1: " + number);
        }
        text = text == null ? "" : text;
    }
}
