package mr.bacmr.retrieval.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import mr.bacmr.retrieval.config.RetrievalConfig;

/**
 * Reranks fused candidates with the configured {@link Reranker}, reusing an order for 15 minutes (S10) when the same
 * (normalised) query meets the same candidates under the same reranker: the second identical search does not call
 * the reranker ({@code cache_gets_total{cache="reranks"}} and {@code bacmr_retrieval_rerank_calls_total} tell).
 * A reranker failure leaves the fused order (not reranked) rather than failing the search.
 */
@ApplicationScoped
public class Reranking {

    /** What a reranking is cached under. */
    record Key(String query, List<String> candidateIds, String reranker) {
    }

    /** The candidates in their new order with the reranker's scores; {@code reranked} false when left as they were. */
    public record Outcome(List<IndexMatch> order, boolean reranked) {
    }

    private final Reranker reranker;
    private final Cache<Key, List<IndexMatch>> cache;
    private final MeterRegistry registry;

    public Reranking(Reranker reranker, RetrievalConfig config, MeterRegistry registry) {
        this.reranker = reranker;
        this.registry = registry;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.rerank().cacheTtl())
                .maximumSize(config.rerank().cacheMaxEntries())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "reranks");
    }

    public String rerankerName() {
        return reranker.name();
    }

    public Uni<Outcome> rerank(String query, List<IndexMatch> candidates, Map<String, String> texts) {
        if (candidates.isEmpty() || candidates.stream().noneMatch(c -> texts.containsKey(c.chunkId()))) {
            return Uni.createFrom().item(new Outcome(candidates, false));   // nothing to read: keep the fused order
        }
        Key key = new Key(normalise(query), candidates.stream().map(IndexMatch::chunkId).toList(), reranker.name());
        List<IndexMatch> cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(new Outcome(cached, true));
        }
        List<Reranker.Candidate> input = candidates.stream()
                .map(c -> new Reranker.Candidate(c.chunkId(), c.language(), texts.get(c.chunkId()), c.score()))
                .toList();
        registry.counter("bacmr.retrieval.rerank.calls", "reranker", reranker.name()).increment();
        return reranker.score(query, input)
                .map(scores -> {
                    List<IndexMatch> order = reorder(candidates, scores);
                    cache.put(key, order);
                    return new Outcome(order, true);
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("reranker %s failed (%s): keeping the fused order", reranker.name(), failure.toString());
                    return new Outcome(candidates, false);
                });
    }

    private static List<IndexMatch> reorder(List<IndexMatch> candidates, List<Double> scores) {
        if (scores.size() != candidates.size()) {
            throw new IllegalStateException(scores.size() + " scores for " + candidates.size() + " candidates");
        }
        List<IndexMatch> order = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            order.add(RankFusion.withScore(candidates.get(i), scores.get(i)));
        }
        order.sort(Comparator.comparingDouble(IndexMatch::score).reversed());   // stable: ties keep the fused order
        return List.copyOf(order);
    }

    static String normalise(String query) {
        return query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
