package mr.bacmr.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.common.embedding.ChunkWindowEmbedder;
import mr.bacmr.common.embedding.TextToEmbed;
import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.retrieval.events.ChunkUpserted;

/**
 * Publishes chunk events to the real broker the way ingestion does: an envelope with a name-based id, a
 * {@code chunk.upserted} payload whose vectors come from the same embedding model and window pooling.
 */
@ApplicationScoped
public class ChunkEventFixtures {

    /** A chunk to publish; {@code id} is unique per call of {@link #chunk}. */
    public record TestChunk(String id, UUID documentId, String title, String subject, String level, String language,
                            int page, String text) implements TextToEmbed {
    }

    private final ChunkWindowEmbedder embedder;
    private final ObjectMapper mapper;
    private final KafkaProducer<String, String> producer;

    public ChunkEventFixtures(ChunkWindowEmbedder embedder, ObjectMapper mapper,
                              @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.embedder = embedder;
        this.mapper = mapper;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public static TestChunk chunk(UUID documentId, String language, String text) {
        return new TestChunk(UUID.randomUUID().toString().replace("-", ""), documentId, "Manuel " + documentId,
                "sciences", "7C", language, 1, text);
    }

    /** Publishes the chunks embedded as ingestion embeds them; returns where each was written. */
    public List<RecordMetadata> publish(List<TestChunk> chunks) {
        List<ChunkEmbedding> embeddings = embedder.embed(chunks);
        List<RecordMetadata> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ChunkEmbedding e = embeddings.get(i);
            offsets.add(publish(chunks.get(i), new ChunkUpserted.Vectors(e.model(), "bacmr-chunks", e.dims(), e.vector(),
                    e.windowVectors())));
        }
        return offsets;
    }

    public RecordMetadata publish(TestChunk chunk, ChunkUpserted.Vectors vectors) {
        ChunkUpserted payload = new ChunkUpserted(chunk.id(), chunk.documentId(), "file-" + chunk.documentId(),
                chunk.title(), chunk.subject(), chunk.level(), chunk.language(), chunk.page(), 0,
                chunk.text().length() / 4, chunk.text(), vectors);
        EventEnvelope envelope = EventEnvelope.createIdentified(mapper, chunk.id() + ":" + UUID.randomUUID(),
                ChunkUpserted.TYPE, 1, "ingestion-service", payload);
        try {
            return send(chunk.id(), mapper.writeValueAsString(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public RecordMetadata tombstone(String chunkId) {
        return send(chunkId, null);
    }

    public RecordMetadata send(String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(Topics.INGESTION_CHUNKS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.INGESTION_CHUNKS, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
