package mr.bacmr.ingestion.embedding;

import mr.bacmr.common.embedding.*;

import dev.langchain4j.model.embedding.EmbeddingModel;

/** One in-process model and tokenizer for all tests of a JVM: loading them takes a second or two. */
final class BundledModel {

    static final EmbeddingProviderConfig CONFIG = EmbeddingProviderConfig.inProcess();
    private static EmbeddingModel model;
    private static HuggingFaceWordPieceCounter counter;

    private BundledModel() {
    }

    static synchronized EmbeddingModel model() {
        if (model == null) {
            model = EmbeddingModels.create(CONFIG);
        }
        return model;
    }

    static synchronized HuggingFaceWordPieceCounter counter() {
        if (counter == null) {
            counter = HuggingFaceWordPieceCounter.bundledMiniLm();
        }
        return counter;
    }
}
