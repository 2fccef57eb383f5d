package mr.bacmr.retrieval.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import mr.bacmr.retrieval.config.RetrievalConfig;

/**
 * Embeds queries with the model ingestion embeds chunks with (the shared {@code bacmr.embedding.*} settings). The
 * model is in-process by default and an HTTP API by configuration, so the call is guarded like a remote one: time
 * limit, one retry (embedding is idempotent), circuit breaker, and a fallback of no vector, which makes the search
 * lexical-only instead of failing. Vectors of repeated queries are reused.
 */
@ApplicationScoped
public class QueryEmbedder {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final EmbeddingModel model;
    private final Cache<String, float[]> vectors;

    public QueryEmbedder(EmbeddingModel model, RetrievalConfig config, MeterRegistry registry) {
        this.model = model;
        this.vectors = Caffeine.newBuilder()
                .maximumSize(config.search().queryVectorCacheSize())
                .expireAfterAccess(Duration.ofHours(1))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, vectors, "query_vectors");
    }

    /**
     * The query's vector, or null when the model cannot answer now. A cached vector is answered here, outside the
     * fault-tolerance guards of the model call (their timers and breaker bookkeeping cost more than the lookup).
     */
    public Uni<float[]> embed(String query) {
        float[] cached = vectors.getIfPresent(normalise(query));
        return cached != null ? Uni.createFrom().item(cached) : embedWithModel(query);
    }

    /** The model's vector for a query not in the cache (cached for the next time). */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "noVector")
    Uni<float[]> embedWithModel(String query) {
        String key = normalise(query);
        return Uni.createFrom().item(() -> {
            float[] vector = model.embed(query).content().vector();
            vectors.put(key, vector);
            return vector;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    Uni<float[]> noVector(String query) {
        Log.warnf("query embedding unavailable; searching by BM25 only");
        return Uni.createFrom().nullItem();
    }

    static String normalise(String query) {
        return WHITESPACE.matcher(query.strip()).replaceAll(" ");
    }
}
