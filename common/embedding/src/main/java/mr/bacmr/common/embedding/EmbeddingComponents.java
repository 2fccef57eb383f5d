package mr.bacmr.common.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured embedding model as beans. Application scoped beans are created on first use, so loading the
 * in-process model (a second or two) happens on the first call, never during start-up.
 */
public class EmbeddingComponents {

    public static final String INFERENCE_EXECUTOR = "embedding-inference";

    /**
     * In-process inference threads: one ONNX thread per call and one call per core measured fastest (≈1.4× the
     * model's default set-up). Shut down with the application.
     */
    @Produces
    @ApplicationScoped
    @Named(INFERENCE_EXECUTOR)
    ExecutorService inferenceExecutor(EmbeddingConfig config) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(config.toProviderConfig().threads(), runnable -> {
            Thread thread = new Thread(runnable, INFERENCE_EXECUTOR + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void shutdown(@Disposes @Named(INFERENCE_EXECUTOR) ExecutorService executor) {
        executor.shutdownNow();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    EmbeddingModel embeddingModel(EmbeddingConfig config, @Named(INFERENCE_EXECUTOR) ExecutorService executor) {
        return EmbeddingModels.create(config.toProviderConfig(), executor);
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ChunkWindowEmbedder windowEmbedder(EmbeddingConfig config, EmbeddingModel model) {
        return EmbeddingModels.windowEmbedder(config.toProviderConfig(), model);
    }
}
