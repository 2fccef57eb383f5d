package mr.bacmr.retrieval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Map;

/**
 * What an ask costs, in integer credits. A chat model is priced per 1,000 input and output tokens; an extractive
 * answer (no model, or its breaker open) has a flat price, free by default.
 */
@ConfigMapping(prefix = "bacmr.pricing")
public interface PricingConfig {

    /** Keyed by model name, as sent to the provider ({@code bacmr.chat.model}). */
    Map<String, ModelPrice> models();

    @WithDefault("0")
    long extractive();

    interface ModelPrice {
        /** Credits per 1,000 prompt tokens. */
        @WithName("input-per-1k") // the default naming would read "input-per1k"
        long inputPer1k();

        /** Credits per 1,000 completion tokens. */
        @WithName("output-per-1k")
        long outputPer1k();
    }
}
