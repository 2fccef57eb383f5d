package mr.bacmr.retrieval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The chat model behind {@code POST /v1/ask}: any OpenAI-compatible chat-completions endpoint. Without a base URL
 * there is no chat model and every ask is answered extractively.
 */
@ConfigMapping(prefix = "bacmr.chat")
public interface ChatConfig {

    /** e.g. {@code https://api.openai.com/v1}; empty means no chat model. */
    Optional<String> baseUrl();

    Optional<String> apiKey();

    /** The model requested, and the key of its price in {@code bacmr.pricing.models}. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Upper bound of an answer's length; also what an ask reserves credits for. */
    @WithDefault("512")
    int maxOutputTokens();

    /** Send the limit as {@code max_completion_tokens} (newer OpenAI models) instead of {@code max_tokens}. */
    @WithDefault("false")
    boolean useMaxCompletionTokens();

    @WithDefault("0.2")
    double temperature();

    /** The whole call, as seen by the caller; the HTTP client gives up a little later. */
    @WithDefault("30s")
    Duration timeout();

    Breaker breaker();

    interface Breaker {
        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("4")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before one trial call is let through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }

    default boolean configured() {
        return baseUrl().filter(url -> !url.isBlank()).isPresent();
    }
}
