package mr.bacmr.common.embedding;

import java.time.Duration;
import java.util.Locale;

/**
 * Which embedding model to use and how to feed it.
 *
 * @param provider            {@code in-process} (bundled all-MiniLM-L6-v2-q, the offline default),
 *                            {@code openai} (any OpenAI-compatible endpoint) or {@code onnx} (a local
 *                            ONNX model and its tokenizer.json)
 * @param modelName           published with every vector; for openai the remote model, e.g. text-embedding-3-small
 * @param baseUrl             openai only, e.g. https://api.openai.com/v1
 * @param apiKey              openai only; never printed by {@link #toString()}
 * @param onnxModelPath       onnx only
 * @param tokenizerPath       onnx only: the model's tokenizer.json
 * @param batchSize           windows per {@code embedAll} call
 * @param maxWindowTokens     tokens per window; 0 = the model's own limit minus room for special tokens
 * @param windowOverlapTokens tokens shared by consecutive windows of a chunk
 * @param timeout             openai request timeout
 * @param threads             in-process/onnx: inference threads (one ONNX session thread each)
 */
public record EmbeddingProviderConfig(
        String provider,
        String modelName,
        String baseUrl,
        String apiKey,
        String onnxModelPath,
        String tokenizerPath,
        int batchSize,
        int maxWindowTokens,
        int windowOverlapTokens,
        Duration timeout,
        int threads) {

    public static final String IN_PROCESS = "in-process";
    public static final String OPENAI = "openai";
    public static final String ONNX = "onnx";

    public EmbeddingProviderConfig {
        provider = provider == null || provider.isBlank() ? IN_PROCESS : provider.trim().toLowerCase(Locale.ROOT);
        if (!provider.equals(IN_PROCESS) && !provider.equals(OPENAI) && !provider.equals(ONNX)) {
            throw new IllegalArgumentException("unknown embedding provider: " + provider);
        }
        if (provider.equals(OPENAI) && (isBlank(baseUrl) || isBlank(modelName))) {
            throw new IllegalArgumentException("openai embeddings need baseUrl and modelName");
        }
        if (provider.equals(ONNX) && (isBlank(onnxModelPath) || isBlank(tokenizerPath))) {
            throw new IllegalArgumentException("onnx embeddings need onnxModelPath and tokenizerPath");
        }
        batchSize = batchSize > 0 ? batchSize : 32;
        windowOverlapTokens = Math.max(0, windowOverlapTokens);
        timeout = timeout != null ? timeout : Duration.ofSeconds(30);
        threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public static EmbeddingProviderConfig inProcess() {
        return new EmbeddingProviderConfig(IN_PROCESS, null, null, null, null, null, 32, 0, 16, null, 0);
    }

    public static EmbeddingProviderConfig openAi(String baseUrl, String apiKey, String modelName) {
        return new EmbeddingProviderConfig(OPENAI, modelName, baseUrl, apiKey, null, null, 64, 0, 0, null, 0);
    }

    public static EmbeddingProviderConfig onnx(String modelName, String onnxModelPath, String tokenizerPath) {
        return new EmbeddingProviderConfig(ONNX, modelName, null, null, onnxModelPath, tokenizerPath, 32, 0, 16, null, 0);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        // records print every component: keep the API key out of logs
        return "EmbeddingProviderConfig[provider=" + provider + ", modelName=" + modelName
                + ", baseUrl=" + baseUrl + ", apiKey=" + (isBlank(apiKey) ? "<none>" : "<redacted>")
                + ", onnxModelPath=" + onnxModelPath + ", tokenizerPath=" + tokenizerPath
                + ", batchSize=" + batchSize + ", maxWindowTokens=" + maxWindowTokens
                + ", windowOverlapTokens=" + windowOverlapTokens + ", timeout=" + timeout
                + ", threads=" + threads + "]";
    }
}
