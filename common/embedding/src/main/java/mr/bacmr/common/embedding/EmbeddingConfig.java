package mr.bacmr.common.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The embedding model of the platform ({@code bacmr.embedding.*}, env {@code BACMR_EMBEDDING_*}). Ingestion embeds
 * chunks and retrieval embeds queries with it, so both services must be given the same values.
 */
@ConfigMapping(prefix = "bacmr.embedding")
public interface EmbeddingConfig {

    /** {@code in-process} (bundled all-MiniLM-L6-v2, quantised), {@code openai} (any compatible API) or {@code onnx}. */
    @WithDefault(EmbeddingProviderConfig.IN_PROCESS)
    String provider();

    /** Model name published with every vector; for openai the model requested. */
    @WithDefault(ThreadLimitedOnnxEmbeddingModel.BUNDLED_MINILM_NAME)
    String model();

    /** For {@code openai}: e.g. https://api.openai.com/v1. */
    Optional<String> baseUrl();

    /** For {@code openai}: the key (a Secret); never logged. */
    Optional<String> apiKey();

    /** For {@code onnx}: the model file. */
    Optional<String> onnxPath();

    /** For {@code onnx}: the model's tokenizer.json. */
    Optional<String> tokenizerPath();

    /** Texts per call to the model (windows for in-process models, inputs per request for openai). */
    @WithDefault("32")
    int batchSize();

    /** For {@code openai}: request timeout. */
    @WithDefault("30s")
    Duration timeout();

    /** In-process inference threads; 0 = one per core. */
    @WithDefault("0")
    int threads();

    /** As the framework-free settings record. */
    default EmbeddingProviderConfig toProviderConfig() {
        return new EmbeddingProviderConfig(provider(), model(), baseUrl().orElse(null), apiKey().orElse(null),
                onnxPath().orElse(null), tokenizerPath().orElse(null), batchSize(), 0, 16, timeout(), threads());
    }
}
