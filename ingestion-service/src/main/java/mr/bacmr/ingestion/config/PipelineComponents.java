package mr.bacmr.ingestion.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import mr.bacmr.ingestion.chunking.TokenChunker;
import mr.bacmr.ingestion.extraction.PdfTextExtractor;

/** The pipeline's framework-free parts, built once (the embedding model comes from common/embedding). */
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
}
