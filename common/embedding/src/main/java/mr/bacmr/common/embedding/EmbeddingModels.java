package mr.bacmr.common.embedding;

import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the embedding model, its token counter and the window embedder from configuration. */
public final class EmbeddingModels {

    /** Room for [CLS] and [SEP], which the model adds around every window. */
    static final int SPECIAL_TOKENS = 2;
    /**
     * Extra margin below the model limit: langchain4j re-tokenises each input from its decoded word
     * pieces before running it, which can add a piece or two (e.g. around [UNK]).
     */
    static final int REENCODE_MARGIN = 6;

    private EmbeddingModels() {
    }

    /** The configured model; in-process inference runs on a new pool of {@code threads} daemon threads. */
    public static EmbeddingModel create(EmbeddingProviderConfig config) {
        return create(config, EmbeddingProviderConfig.OPENAI.equals(config.provider())
                ? null : inferenceExecutor(config.threads()));
    }

    /**
     * The configured model, in-process inference on the given executor (a managed one in the service,
     * so it is shut down with the application). Each call runs one ONNX thread: size the executor to the cores.
     */
    public static EmbeddingModel create(EmbeddingProviderConfig config, Executor executor) {
        return switch (config.provider()) {
            case EmbeddingProviderConfig.OPENAI -> OpenAiEmbeddingModel.builder()
                    .baseUrl(config.baseUrl())
                    .apiKey(config.apiKey())
                    .modelName(config.modelName())
                    .timeout(config.timeout())
                    .maxRetries(2)
                    .maxSegmentsPerBatch(config.batchSize())
                    .build();
            case EmbeddingProviderConfig.ONNX -> ThreadLimitedOnnxEmbeddingModel.fromFiles(
                    Path.of(config.onnxModelPath()), Path.of(config.tokenizerPath()), PoolingMode.MEAN,
                    modelName(config), executor, 1);
            default -> ThreadLimitedOnnxEmbeddingModel.bundledMiniLm(executor, 1);
        };
    }

    /** The tokenizer of the configured model, for sizing windows. */
    public static WordPieceCounter counter(EmbeddingProviderConfig config) {
        return switch (config.provider()) {
            case EmbeddingProviderConfig.OPENAI -> new JTokkitTokenCounter(EncodingType.CL100K_BASE);
            case EmbeddingProviderConfig.ONNX -> HuggingFaceWordPieceCounter.fromFile(Path.of(config.tokenizerPath()));
            default -> HuggingFaceWordPieceCounter.bundledMiniLm();
        };
    }

    /** Tokens per window: the configured value, else the model's limit less special tokens and margin. */
    public static int maxWindowTokens(EmbeddingProviderConfig config, WordPieceCounter counter) {
        if (config.maxWindowTokens() > 0) {
            return config.maxWindowTokens();
        }
        if (counter instanceof HuggingFaceWordPieceCounter hf) {
            return hf.modelMaxLength() - SPECIAL_TOKENS - REENCODE_MARGIN;   // 120 for the bundled model
        }
        return JTokkitTokenCounter.OPENAI_MAX_INPUT_TOKENS;
    }

    public static ChunkWindowEmbedder windowEmbedder(EmbeddingProviderConfig config) {
        return windowEmbedder(config, create(config));
    }

    /** A window embedder over an already built model (lets callers wrap or share the model). */
    public static ChunkWindowEmbedder windowEmbedder(EmbeddingProviderConfig config, EmbeddingModel model) {
        WordPieceCounter counter = counter(config);
        int max = maxWindowTokens(config, counter);
        int overlap = Math.min(config.windowOverlapTokens(), max / 2 - 1);
        return new ChunkWindowEmbedder(model, modelName(config), new WindowSplitter(counter, max, overlap),
                config.batchSize());
    }

    public static String modelName(EmbeddingProviderConfig config) {
        if (config.modelName() != null && !config.modelName().isBlank()) {
            return config.modelName();
        }
        return switch (config.provider()) {
            case EmbeddingProviderConfig.ONNX -> Path.of(config.onnxModelPath()).getFileName().toString();
            default -> ThreadLimitedOnnxEmbeddingModel.BUNDLED_MINILM_NAME;
        };
    }

    /** Daemon threads: an idle embedder must not keep the JVM alive. */
    private static ExecutorService inferenceExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
