package mr.bacmr.ingestion.domain;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.common.embedding.EmbeddingConfig;
import mr.bacmr.common.embedding.ChunkWindowEmbedder;
import mr.bacmr.ingestion.store.EmbeddingRefStore;

/**
 * Embeds stored chunks (in batches, the whole chunk covered by window vectors) and publishes them: per batch, one
 * transaction writes the chunk events to the outbox and records the vectors in embedding_refs. Blocking.
 */
@ApplicationScoped
public class ChunkPublisher {

    private static final Duration DB = Duration.ofSeconds(30);
    private static final int PUBLISH_BATCH = 100;

    private final ChunkWindowEmbedder embedder;
    private final ChunkEvents events;
    private final OutboxWriter outbox;
    private final EmbeddingRefStore refs;
    private final Pool pool;
    private final int batchSize;

    public ChunkPublisher(ChunkWindowEmbedder embedder, ChunkEvents events, OutboxWriter outbox, EmbeddingRefStore refs,
                          Pool pool, EmbeddingConfig embedding) {
        this.embedder = embedder;
        this.events = events;
        this.outbox = outbox;
        this.refs = refs;
        this.pool = pool;
        this.batchSize = embedding.batchSize();
    }

    public String model() {
        return embedder.modelName();
    }

    /** Embeds in batches, telling {@code progress} how many chunks are done after each. */
    public List<ChunkEmbedding> embed(List<StoredChunk> chunks, IntConsumer progress) {
        List<ChunkEmbedding> embeddings = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += batchSize) {
            List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize)).stream()
                    .map(ChunkPublisher::toChunk).toList();
            embeddings.addAll(embedder.embed(batch));
            progress.accept(embeddings.size());
        }
        return embeddings;
    }

    /** {@code generation} tells republished events apart from the first ones (the document id for ingestion). */
    public void publish(List<StoredChunk> chunks, List<ChunkEmbedding> embeddings, String generation) {
        for (int from = 0; from < chunks.size(); from += PUBLISH_BATCH) {
            int to = Math.min(chunks.size(), from + PUBLISH_BATCH);
            List<OutboxMessage> messages = new ArrayList<>(to - from);
            List<EmbeddingRefStore.Ref> published = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                StoredChunk chunk = chunks.get(i);
                ChunkEmbedding embedding = embeddings.get(i);
                if (!embedding.chunkId().equals(chunk.id())) {
                    throw new IllegalStateException("embedding order does not match chunk order at " + i);
                }
                messages.add(events.upserted(chunk, embedding, generation));
                published.add(new EmbeddingRefStore.Ref(chunk.id(), events.vectorId(chunk.id(), embedding.model()),
                        events.namespace(), embedding.model(), embedding.dims(), embedding.windowVectors().size()));
            }
            pool.withTransaction(tx -> outbox.appendAll(tx, messages).chain(() -> refs.recordPublished(tx, published)))
                    .await().atMost(DB);
        }
    }

    private static Chunk toChunk(StoredChunk chunk) {
        return new Chunk(chunk.id(), chunk.fileId(), chunk.page(), chunk.chunkIndex(), chunk.text(), chunk.tokenCount(),
                chunk.charStart(), chunk.charEnd(), chunk.language(), chunk.textSha256());
    }
}
