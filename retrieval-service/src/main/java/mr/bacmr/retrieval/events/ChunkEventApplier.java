package mr.bacmr.retrieval.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import mr.bacmr.common.events.ReceivedEvent;
import mr.bacmr.retrieval.config.QueryModel;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.VectorIndex;

/**
 * Applies one record of {@code bacmr.ingestion.chunks} to the index: an upsert, or a delete for a tombstone. Vectors
 * of another model than the query model are left out (the chunk stays searchable by BM25): they live in another
 * space, and a reindex with the new model republishes them. A record that is not a chunk event this version of the
 * service understands is refused with {@link IllegalArgumentException}.
 */
@ApplicationScoped
public class ChunkEventApplier {

    private final VectorIndex index;
    private final ObjectMapper mapper;
    private final String queryModel;
    private final MeterRegistry registry;

    public ChunkEventApplier(VectorIndex index, ObjectMapper mapper, @QueryModel String queryModel, MeterRegistry registry) {
        this.index = index;
        this.mapper = mapper;
        this.queryModel = queryModel;
        this.registry = registry;
    }

    public void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("chunk record without a key at offset " + record.offset());
        }
        ReceivedEvent event = ReceivedEvent.read(mapper, record);
        if (event.isTombstone()) {
            index.delete(record.key());
            count("deleted");
            return;
        }
        if (!ChunkUpserted.TYPE.equals(event.envelope().type()) || event.envelope().version() != ChunkUpserted.VERSION) {
            throw new IllegalArgumentException("unsupported event " + event.envelope().type() + " v"
                    + event.envelope().version());
        }
        ChunkUpserted chunk = event.envelope().payloadAs(mapper, ChunkUpserted.class);
        if (!record.key().equals(chunk.chunkId()) || chunk.documentId() == null) {
            throw new IllegalArgumentException("chunk event " + record.key() + " has a mismatched or missing id");
        }
        List<float[]> vectors = vectors(chunk.embedding());
        if (vectors.isEmpty()) {
            registry.counter("bacmr.retrieval.index.chunks.without.vectors").increment();
        }
        index.upsert(new IndexedChunk(chunk.chunkId(), chunk.documentId(), chunk.title(), chunk.subject(), chunk.level(),
                chunk.language(), chunk.page(), chunk.tokenCount(), chunk.text(), vectors));
        count("upserted");
    }

    /** The window vectors (or the pooled vector when there are no windows) if they are the query model's. */
    private List<float[]> vectors(ChunkUpserted.Vectors embedding) {
        if (embedding == null || !queryModel.equals(embedding.model())) {
            return List.of();
        }
        List<float[]> vectors = embedding.windows() != null && !embedding.windows().isEmpty()
                ? embedding.windows() : embedding.vector() == null ? List.of() : List.of(embedding.vector());
        for (float[] vector : vectors) {
            if (vector == null || vector.length != embedding.dims()) {
                throw new IllegalArgumentException("vector of " + (vector == null ? 0 : vector.length)
                        + " dims in an event announcing " + embedding.dims());
            }
        }
        return vectors;
    }

    private void count(String outcome) {
        registry.counter("bacmr.retrieval.index.events", "outcome", outcome).increment();
    }
}
