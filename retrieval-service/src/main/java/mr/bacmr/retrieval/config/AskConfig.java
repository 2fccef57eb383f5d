package mr.bacmr.retrieval.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** Tuning of {@code POST /v1/ask} that is not about the chat model or prices. */
@ConfigMapping(prefix = "bacmr.ask")
public interface AskConfig {

    /** Share of an answer's content words that must occur in its context for the answer to count as grounded. */
    @WithDefault("0.6")
    double groundedThreshold();

    /** Sentences an extractive answer quotes. */
    @WithDefault("3")
    int extractiveSentences();

    /** Language assumed when neither the request, the question nor the sources tell one. */
    @WithDefault("fr")
    String defaultLanguage();

    /** Who tells the language of questions and quoted answers (S20). */
    Provider languageDetector();

    /** Who validates generated answers (S20). */
    Provider validator();

    /** The chat model the {@code llm} providers ask; their calls are the platform's cost, not the student's. */
    Judge judge();

    /** Client idempotency keys ({@code Idempotency-Key} on {@code POST /v1/ask}). */
    Idempotency idempotency();

    interface Idempotency {
        /** How long an answered key replays its answer. */
        @WithDefault("24h")
        Duration keep();

        /**
         * How long a key may stay claimed without an answer before another request may take it over (the replica
         * answering it died); longer than any ask can take, and as long as billing holds a reservation (5 min).
         */
        @WithDefault("5m")
        Duration stale();
    }

    interface Provider {
        /**
         * {@code local} (offline: script and n-grams / lexical overlap) or {@code llm} (the judge model, falling back
         * to the local adapter whenever it fails).
         */
        @WithDefault("local")
        String provider();
    }

    interface Judge {
        /** OpenAI-compatible base URL; empty means the chat model's ({@code bacmr.chat.base-url} and its API key). */
        Optional<String> baseUrl();

        Optional<String> apiKey();

        @WithDefault("gpt-4o-mini")
        String model();

        /** A judge call's bound; past it the local verdict is used, so it bounds what the ask waits too. */
        @WithDefault("5s")
        Duration timeout();
    }
}
