package mr.bacmr.retrieval.ask;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/** The precise problems {@code POST /v1/ask} answers with, beyond those billing passes through (402, 503). */
public final class AskProblems {

    public static final URI ASK_QUOTA_EXHAUSTED = ProblemType.of("ask-quota-exhausted");
    public static final URI SOURCES_UNAVAILABLE = ProblemType.of("sources-unavailable");

    /** Passages were found but their text could not be fetched (ingestion's chunk API down): nothing to answer from. */
    public static ProblemException sourcesUnavailable() {
        return new ProblemException(503, SOURCES_UNAVAILABLE, "Sources unavailable",
                "relevant passages were found but their text cannot be read right now; try again shortly",
                Map.of("Retry-After", "30"));
    }

    /** The tier's asks for today are spent; the body says when they come back (next UTC midnight). */
    public static final class QuotaExhausted extends ProblemException {

        private final int limit;
        private final OffsetDateTime resetsAt;

        QuotaExhausted(String tier, int limit, OffsetDateTime now, OffsetDateTime resetsAt) {
            super(429, ASK_QUOTA_EXHAUSTED, "Ask quota exhausted",
                    "the " + tier + " tier allows " + limit + " asks per day; they reset at " + resetsAt,
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds(now, resetsAt))));
            this.limit = limit;
            this.resetsAt = resetsAt;
        }

        public int limit() {
            return limit;
        }

        public OffsetDateTime resetsAt() {
            return resetsAt;
        }
    }

    public static QuotaExhausted quotaExhausted(String tier, int limit, OffsetDateTime now, OffsetDateTime resetsAt) {
        return new QuotaExhausted(tier, limit, now, resetsAt);
    }

    // Whole seconds, rounded up: retrying at Retry-After must never be early.
    static long retryAfterSeconds(OffsetDateTime now, OffsetDateTime resetsAt) {
        long millis = Duration.between(now, resetsAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private AskProblems() {
    }
}
