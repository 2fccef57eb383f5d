package mr.bacmr.ingestion.domain;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import mr.bacmr.ingestion.config.IngestionConfig;

/** Exponential backoff with jitter: base·2^(attempt−1), capped, then a random half to the whole of it. */
@ApplicationScoped
public class RetryPolicy {

    private final Duration base;
    private final Duration max;

    public RetryPolicy(IngestionConfig config) {
        this.base = config.jobs().backoffBase();
        this.max = config.jobs().backoffMax();
    }

    public Duration delayAfter(int attempt) {
        long exponential = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
