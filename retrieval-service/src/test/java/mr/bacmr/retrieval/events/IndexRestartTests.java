package mr.bacmr.retrieval.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.events.Topics;
import mr.bacmr.retrieval.ChunkEventFixtures;
import mr.bacmr.retrieval.ChunkEventFixtures.TestChunk;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.config.QueryModel;
import mr.bacmr.retrieval.config.RetrievalConfig;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.SearchFilters;
import mr.bacmr.retrieval.index.LuceneChunkIndex;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second replica's consumer and index, in a directory of their own, against the real topic: an empty index is
 * built from the earliest offset; after a restart the index resumes from the offsets committed with it.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class IndexRestartTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ChunkEventFixtures events;
    @Inject
    ObjectMapper mapper;
    @Inject
    DeadLetters deadLetters;
    @Inject
    RetrievalConfig config;
    @Inject
    @QueryModel
    String model;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void anEmptyIndexReadsTheWholeTopicAndARestartResumesFromItsOffsets() throws Exception {
        UUID document = UUID.randomUUID();
        List<TestChunk> before = List.of(ChunkEventFixtures.chunk(document, "fr", ChunkIndexingTests.PHOTOSYNTHESIS),
                ChunkEventFixtures.chunk(document, "fr", ChunkIndexingTests.REVOLUTION));
        events.publish(before);
        Map<Integer, Long> endBefore = endOffsets();
        Path dir = Files.createTempDirectory(Path.of("target"), "replica-index-");

        SimpleMeterRegistry first = new SimpleMeterRegistry();
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, model, 0.1, 16)) {
            assertTrue(index.checkpointedOffsets().isEmpty());
            ChunkIndexConsumer consumer = start(index, first);
            await().atMost(WAIT).until(() -> reached(index.checkpointedOffsets(), endBefore));
            stop(consumer);
            assertEquals(records(startOffsets(), endBefore), applied(first),
                    "an empty index replays the topic from its first offset");
            assertEquals(2, chunksOf(index, document));
        }

        TestChunk later = ChunkEventFixtures.chunk(document, "ar", ChunkIndexingTests.NILE_AR);
        events.publish(List.of(later));
        events.tombstone(before.get(1).id());
        Map<Integer, Long> endAfter = endOffsets();

        SimpleMeterRegistry second = new SimpleMeterRegistry();
        try (LuceneChunkIndex reopened = new LuceneChunkIndex(dir, model, 0.1, 16)) {
            Map<Integer, Long> resumedFrom = reopened.checkpointedOffsets();
            Map<Integer, Long> nonEmpty = new java.util.TreeMap<>(endBefore);
            nonEmpty.values().removeIf(offset -> offset == 0);
            assertEquals(nonEmpty, new java.util.TreeMap<>(resumedFrom), "the offsets were committed with the index");
            assertEquals(2, chunksOf(reopened, document), "the index survived the restart");
            ChunkIndexConsumer consumer = start(reopened, second);
            await().atMost(WAIT).until(() -> reached(reopened.checkpointedOffsets(), endAfter));
            stop(consumer);
            assertEquals(records(resumedFrom, endAfter), applied(second), "only what came after the commit was read");
            assertEquals(2, records(resumedFrom, endAfter), "the two events published while it was stopped");
            reopened.awaitVisible();
            assertEquals(2, chunksOf(reopened, document), "one chunk added, one tombstoned");
        }
    }

    private ChunkIndexConsumer start(LuceneChunkIndex index, SimpleMeterRegistry registry) {
        ChunkIndexConsumer consumer = new ChunkIndexConsumer(index, new ChunkEventApplier(index, mapper, model, registry),
                deadLetters, config, kafka, registry);
        consumer.onStart(null);
        return consumer;
    }

    private static void stop(ChunkIndexConsumer consumer) throws InterruptedException {
        consumer.onStop(null);
    }

    /** Records the consumer applied (any outcome). */
    private static long applied(SimpleMeterRegistry registry) {
        return (long) registry.find("bacmr.retrieval.index.events").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static long chunksOf(LuceneChunkIndex index, UUID document) {
        index.awaitVisible();
        List<IndexMatch> all = index.candidates(new IndexQuery("photosynthèse Révolution النيل", null,
                new SearchFilters(null, null, null, document), 100, 0)).lexical();
        return all.size();
    }

    private static boolean reached(Map<Integer, Long> committed, Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private static long records(Map<Integer, Long> from, Map<Integer, Long> to) {
        return to.entrySet().stream().mapToLong(end -> end.getValue() - from.getOrDefault(end.getKey(), 0L)).sum();
    }

    private Map<Integer, Long> endOffsets() {
        return offsets(true);
    }

    private Map<Integer, Long> startOffsets() {
        return offsets(false);
    }

    private Map<Integer, Long> offsets(boolean end) {
        try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.get("bootstrap.servers")), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = probe.partitionsFor(Topics.INGESTION_CHUNKS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> found = end ? probe.endOffsets(partitions) : probe.beginningOffsets(partitions);
            Map<Integer, Long> byPartition = new java.util.TreeMap<>();
            found.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
            return byPartition;
        }
    }
}
