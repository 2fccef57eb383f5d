package mr.bacmr.ingestion.embedding;

import mr.bacmr.common.embedding.*;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real model and counts calls and texts (a wrapper, not a mock). */
final class CountingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    final AtomicInteger embedAllCalls = new AtomicInteger();
    final AtomicInteger texts = new AtomicInteger();

    CountingEmbeddingModel(EmbeddingModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        embedAllCalls.incrementAndGet();
        texts.addAndGet(segments.size());
        return delegate.embedAll(segments);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }
}
