package mr.bacmr.ingestion.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.common.web.RequestIds;
import mr.bacmr.ingestion.events.DocumentLifecycle;
import mr.bacmr.ingestion.store.ChunkStore;
import mr.bacmr.ingestion.store.DocumentStore;
import mr.bacmr.ingestion.store.EmbeddingRefStore;
import mr.bacmr.ingestion.store.JobStore;

/**
 * Deletes a document in one transaction: its jobs stop, its chunks leave the canonical store, a tombstone per chunk
 * and a {@code document.deleted} event go to the outbox.
 */
@ApplicationScoped
public class DocumentDeleter {

    private final Pool pool;
    private final DocumentStore documents;
    private final ChunkStore chunks;
    private final EmbeddingRefStore refs;
    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    public DocumentDeleter(Pool pool, DocumentStore documents, ChunkStore chunks, EmbeddingRefStore refs,
                           JobStore jobs, OutboxWriter outbox, ObjectMapper mapper) {
        this.pool = pool;
        this.documents = documents;
        this.chunks = chunks;
        this.refs = refs;
        this.jobs = jobs;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Uni<Boolean> delete(UUID documentId) {
        return pool.withTransaction(tx -> documents.markDeleted(tx, documentId).chain(found -> {
            if (!found) {
                return Uni.createFrom().item(false);
            }
            String requestId = RequestIds.currentOrNew();
            return jobs.cancelActiveFor(tx, documentId, "document deleted")
                    .chain(() -> chunks.deleteOfDocument(tx, documentId))
                    .call(ids -> refs.markDeleted(tx, ids))
                    .call(ids -> outbox.appendAll(tx, ids.stream()
                            .map(id -> OutboxMessage.tombstone(Topics.INGESTION_CHUNKS, id, requestId)).toList()))
                    .call(ids -> outbox.append(tx, OutboxMessage.event(Topics.INGESTION_DOCUMENTS, documentId.toString(),
                            EventEnvelope.createIdentified(mapper, documentId.toString(), DocumentLifecycle.DELETED, 1,
                                    DocumentRegistrar.PRODUCER, new DocumentLifecycle(documentId, null, null, null, null,
                                            null, null, null, ids.size(), null, "deleted by an admin")))))
                    .replaceWith(true);
        }));
    }
}
