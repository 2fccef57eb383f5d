package mr.bacmr.retrieval.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mr.bacmr.retrieval.client.ChunkTextClient;
import mr.bacmr.retrieval.config.RetrievalConfig;

/**
 * Canonical chunk text through a bounded cache (S11: 1 h after it was fetched, size-bounded, near-LRU eviction):
 * only the misses are fetched, in one batch. When ingestion cannot answer, the texts are simply missing and the
 * search still answers; its hits say so ({@code text_unavailable}). Hits and misses are in {@code /q/metrics}
 * ({@code cache_gets_total{cache="chunk_texts"}}).
 */
@ApplicationScoped
public class ChunkTexts {

    private final ChunkTextClient client;
    private final Cache<String, String> cache;

    public ChunkTexts(ChunkTextClient client, RetrievalConfig config, MeterRegistry registry) {
        this.client = client;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.textCache().ttl())
                .maximumSize(config.textCache().maxEntries())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "chunk_texts");
    }

    /** Texts of the given chunks that could be had; never fails. */
    public Uni<Map<String, String>> texts(List<String> chunkIds) {
        Map<String, String> found = new HashMap<>(cache.getAllPresent(chunkIds));
        List<String> misses = new ArrayList<>();
        for (String id : chunkIds) {
            if (!found.containsKey(id) && !misses.contains(id)) {
                misses.add(id);
            }
        }
        if (misses.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return client.texts(misses)
                .invoke(cache::putAll)
                .map(fetched -> {
                    found.putAll(fetched);
                    return found;
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("chunk texts unavailable (%s): answering without them", failure.toString());
                    return found;
                });
    }
}
