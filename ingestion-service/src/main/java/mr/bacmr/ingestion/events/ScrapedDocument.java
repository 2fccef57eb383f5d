package mr.bacmr.ingestion.events;

/** Payload of {@code scraper.document.accepted} on {@code bacmr.scraper.documents} (version 1). */
public record ScrapedDocument(String objectKey, String url, String title, String language, Double qualityScore,
                              String simhash, String contentType) {

    public static final String TYPE = "scraper.document.accepted";
}
