package mr.bacmr.ingestion.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

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

    /** Loading the model takes a second or two; it happens on first use, on a worker thread. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    ChunkWindowEmbedder embedder(IngestionConfig config) {
        IngestionConfig.Embedding embedding = config.embedding();
        EmbeddingProviderConfig provider = new EmbeddingProviderConfig(embedding.provider(), embedding.model(),
                embedding.baseUrl().orElse(null), embedding.apiKey().orElse(null), embedding.onnxPath().orElse(null),
                embedding.tokenizerPath().orElse(null), embedding.batchSize(), 0, 16, null, 0);
        return EmbeddingModels.windowEmbedder(provider);
    }
}
