package mr.bacmr.ingestion.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.ingestion.events.ChunkUpserted;

/**
 * Builds chunk events. The event id is derived from the chunk, the model and the generation (the document for
 * ingestion, the reindex job otherwise): publishing the same chunk of the same document again under the same model is
 * the same event (§5.1), while bytes registered again after a deletion are a new document and publish anew.
 */
@ApplicationScoped
public class ChunkEvents {

    private final ObjectMapper mapper;
    private final String namespace;

    public ChunkEvents(ObjectMapper mapper, IngestionConfig config) {
        this.mapper = mapper;
        this.namespace = config.embedding().namespace();
    }

    public String namespace() {
        return namespace;
    }

    public OutboxMessage upserted(StoredChunk chunk, ChunkEmbedding embedding, String generation) {
        ChunkUpserted payload = new ChunkUpserted(chunk.id(), chunk.documentId(), chunk.fileId(), chunk.title(),
                chunk.subject(), chunk.level(), chunk.language(), chunk.page(), chunk.chunkIndex(), chunk.tokenCount(),
                chunk.text(), new ChunkUpserted.Vectors(embedding.model(), namespace, embedding.dims(),
                embedding.vector(), embedding.windowVectors()));
        String identity = chunk.id() + ":" + embedding.model() + ":" + generation;
        return OutboxMessage.event(Topics.INGESTION_CHUNKS, chunk.id(),
                EventEnvelope.createIdentified(mapper, identity, ChunkUpserted.TYPE, 1, DocumentRegistrar.PRODUCER, payload));
    }

    /** The vector id recorded in embedding_refs: the chunk under a model in a namespace. */
    public String vectorId(String chunkId, String model) {
        return namespace + "/" + model + "/" + chunkId;
    }
}
