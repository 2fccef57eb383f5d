package mr.bacmr.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Everything an operator can tune in the ingestion service. */
@ConfigMapping(prefix = "bacmr.ingestion")
public interface IngestionConfig {

    Uploads uploads();

    Jobs jobs();

    Embedding embedding();

    interface Uploads {
        /** Largest PDF accepted, in bytes (50 MB). */
        @WithDefault("52428800")
        long maxSize();

        /** How long a presigned upload URL stays valid. */
        @WithDefault("15m")
        Duration urlTtl();
    }

    interface Jobs {
        /** Attempts before a job with transient failures is DEAD. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; doubles per attempt, with full jitter, up to {@link #backoffMax()}. */
        @WithDefault("2s")
        Duration backoffBase();

        @WithDefault("5m")
        Duration backoffMax();

        /** A worker that does not renew its lease within this time is presumed dead; its job is resumed. */
        @WithDefault("2m")
        Duration lease();

        /** Whether this replica runs jobs (API-only replicas set false). */
        @WithDefault("true")
        boolean workerEnabled();

        /** How often an idle worker looks for runnable jobs. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Pages extracted between two progress writes. */
        @WithDefault("5")
        int progressEvery();
    }

    /** Where vectors are published; the model itself is configured under {@code bacmr.embedding.*} (common/embedding). */
    interface Embedding {
        /** Index namespace the vectors are published under (recorded in embedding_refs). */
        @WithDefault("bacmr-chunks")
        String namespace();
    }
}
