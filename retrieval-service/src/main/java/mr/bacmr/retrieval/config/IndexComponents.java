package mr.bacmr.retrieval.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import mr.bacmr.common.embedding.EmbeddingConfig;
import mr.bacmr.common.embedding.EmbeddingModels;
import mr.bacmr.retrieval.domain.RankFusion;
import mr.bacmr.retrieval.domain.SearchWorkers;
import mr.bacmr.retrieval.domain.VectorIndex;
import mr.bacmr.retrieval.domain.VectorWeights;
import mr.bacmr.retrieval.index.LuceneChunkIndex;

/** The local Lucene index as the {@link VectorIndex}, opened once and closed (committed) on shutdown. */
public class IndexComponents {

    @Produces
    @ApplicationScoped
    @DefaultBean
    VectorIndex index(RetrievalConfig config, EmbeddingConfig embedding) {
        Path path = Path.of(config.index().path());
        String model = EmbeddingModels.modelName(embedding.toProviderConfig());
        Log.infof("search index at %s for vectors of %s, kept as %s", path, model, config.index().vectors());
        return new LuceneChunkIndex(path, model, config.index().refresh().toMillis() / 1000.0, config.index().ramBufferMb(),
                config.index().vectors());
    }

    void close(@Disposes VectorIndex index) throws IOException {
        if (index instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IOException("closing the search index", e);
            }
        }
    }

    /**
     * The search threads, with their queue and activity in /q/metrics ({@code executor_*{name="search"}}) and each
     * search's wait and run times ({@code bacmr_search_queue_wait_seconds}, {@code bacmr_search_run_seconds}).
     */
    @Produces
    @Singleton
    SearchWorkers searchWorkers(RetrievalConfig config, MeterRegistry registry) {
        SearchWorkers workers = new SearchWorkers(config.search().threads(), config.search().queue(), registry);
        new ExecutorServiceMetrics(workers.executor(), "search", List.of()).bindTo(registry);
        Log.infof("searches run on %d thread(s)", workers.threads());
        return workers;
    }

    void close(@Disposes SearchWorkers workers) {
        workers.close();
    }

    @Produces
    @Singleton
    RankFusion fusion(RetrievalConfig config) {
        return new RankFusion(config.search().rrfK());
    }

    @Produces
    @Singleton // a record is final: it cannot get the client proxy a normal scope needs
    VectorWeights vectorWeights(RetrievalConfig config) {
        return new VectorWeights(config.search().vectorWeight(), config.search().arabicVectorWeight());
    }

    /** The embedding model name vectors must carry to be searched with this service's query vectors. */
    @Produces
    @QueryModel
    String queryModel(EmbeddingConfig embedding) {
        return EmbeddingModels.modelName(embedding.toProviderConfig());
    }
}
