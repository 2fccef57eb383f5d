package mr.bacmr.retrieval.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Canonical chunk texts from ingestion, in batches of at most 200 ids. A read, so retried once; time-limited and
 * behind a circuit breaker so a slow or absent ingestion service costs searches little. Failures propagate: the
 * caller decides what a search without text looks like.
 */
@ApplicationScoped
public class ChunkTextClient {

    private final IngestionChunkApi api;

    public ChunkTextClient(@RestClient IngestionChunkApi api) {
        this.api = api;
    }

    /** Texts by chunk id; ids ingestion no longer has are absent from the map. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<Map<String, String>> texts(List<String> chunkIds) {
        List<Uni<IngestionChunkApi.BatchGetResponse>> batches = new ArrayList<>();
        for (int from = 0; from < chunkIds.size(); from += IngestionChunkApi.MAX_IDS) {
            List<String> batch = chunkIds.subList(from, Math.min(chunkIds.size(), from + IngestionChunkApi.MAX_IDS));
            batches.add(api.batchGet(new IngestionChunkApi.BatchGetRequest(List.copyOf(batch))));
        }
        if (batches.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(batches).andFailFast().map(responses -> {
            Map<String, String> texts = new HashMap<>();
            for (IngestionChunkApi.BatchGetResponse response : responses) {
                if (response.chunks() != null) {
                    response.chunks().stream().filter(chunk -> chunk.text() != null)
                            .forEach(chunk -> texts.put(chunk.id(), chunk.text()));
                }
            }
            return texts;
        });
    }
}
