package mr.bacmr.retrieval.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.ConfigMapping;

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
}
