package mr.bacmr.ingestion.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import mr.bacmr.ingestion.chunking.TokenChunker;
import mr.bacmr.ingestion.embedding.ChunkWindowEmbedder;
import mr.bacmr.ingestion.embedding.EmbeddingModels;
import mr.bacmr.ingestion.embedding.EmbeddingProviderConfig;
import mr.bacmr.ingestion.extraction.PdfTextExtractor;

/** The pipeline's framework-free parts, built once from configuration. */
public class PipelineComponents {

    @Produces
    @ApplicationScoped
    PdfTextExtractor extractor() {
        return new PdfTextExtractor();
    }

    @Produces
    @ApplicationScoped
    TokenChunker chunker() {
        return new TokenChunker();
    }

    /**
     * In-process inference threads: one ONNX thread per call and one call per core measured fastest here (≈1.4× the
     * model's default set-up). Shut down with the application.
     */
    @Produces
    @ApplicationScoped
    @Named("embedding-inference")
    ExecutorService inferenceExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "embedding-inference-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void shutdown(@Disposes @Named("embedding-inference") ExecutorService executor) {
        executor.shutdownNow();
    }

    /** Loading the model takes a second or two; it happens on first use, on a worker thread. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    ChunkWindowEmbedder embedder(IngestionConfig config, @Named("embedding-inference") ExecutorService executor) {
        IngestionConfig.Embedding embedding = config.embedding();
        EmbeddingProviderConfig provider = new EmbeddingProviderConfig(embedding.provider(), embedding.model(),
                embedding.baseUrl().orElse(null), embedding.apiKey().orElse(null), embedding.onnxPath().orElse(null),
                embedding.tokenizerPath().orElse(null), embedding.batchSize(), 0, 16, null, 0);
        return EmbeddingModels.windowEmbedder(provider, EmbeddingModels.create(provider, executor));
    }
}
