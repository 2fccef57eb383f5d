package mr.bacmr.common.events;

import java.util.List;

/** Kafka topic names (ARCHITECTURE.md §2); one place, so producers and consumers cannot drift apart. */
public final class Topics {

    /** Compacted, keyed by chunk id; a null value is a tombstone. */
    public static final String INGESTION_CHUNKS = "bacmr.ingestion.chunks";
    public static final String INGESTION_DOCUMENTS = "bacmr.ingestion.documents";
    public static final String SCRAPER_DOCUMENTS = "bacmr.scraper.documents";
    public static final String USAGE = "bacmr.usage";
    public static final String BILLING_EVENTS = "bacmr.billing.events";

    public static final List<String> ALL = List.of(
            INGESTION_CHUNKS, INGESTION_DOCUMENTS, SCRAPER_DOCUMENTS, USAGE, BILLING_EVENTS);

    /** Topics whose latest value per key is the state, so Kafka keeps them compacted. */
    public static boolean isCompacted(String topic) {
        return INGESTION_CHUNKS.equals(topic);
    }

    /** Where a consumer parks a message it could not process after bounded retries. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
