package mr.bacmr.ingestion.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.events.ReceivedEvent;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxRelay;
import mr.bacmr.common.outbox.OutboxRelayJob;
import mr.bacmr.common.outbox.ProcessedEvents;
import mr.bacmr.ingestion.IngestionFixtures;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk events leave through the outbox to the real broker (T15), and the canonical store serves their text. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "ingestion"))
class ChunkEventDeliveryTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    IngestionFixtures fixtures;
    @Inject
    ProcessedEvents processed;
    @Inject
    ObjectMapper mapper;
    @Inject
    Scheduler scheduler;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void chunkEventsWaitOutAKafkaOutageAndAreAppliedOnceEach() throws Exception {
        UUID document = fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource("Seige_of_Vicksburg_Sample_OCR.pdf")),
                "Vicksburg (Kafka)");
        List<String> chunkIds = fixtures.strings("SELECT id FROM chunks WHERE document_id = $1", document);
        assertFalse(chunkIds.isEmpty());

        // The scheduled relay would publish (or hold the relay lock) behind the test's back: pause it, and put the
        // document's events back to pending, whatever it did before the pause (a round in flight holds their rows
        // until it commits, so the update waits for it).
        scheduler.pause(OutboxRelayJob.IDENTITY);
        try {
            fixtures.execute("UPDATE outbox SET published_at = NULL WHERE envelope->'payload'->>'document_id' = $1",
                    document.toString());
            try (ServerSocket closed = new ServerSocket(0)) {
                int port = closed.getLocalPort();
                closed.close();
                OutboxRelay down = relay("127.0.0.1:" + port);
                // a round still in flight holds the relay lock (the relay then answers 0 without trying): retry
                await().atMost(WAIT).untilAsserted(() ->
                        assertThrows(RuntimeException.class, () -> down.relayAll().await().atMost(WAIT)));
            }
            assertTrue(fixtures.count("SELECT count(*) FROM outbox WHERE published_at IS NULL") >= chunkIds.size(),
                    "the events are held while Kafka is unreachable");
            deliverOnceEach(document, chunkIds);
        } finally {
            scheduler.resume(OutboxRelayJob.IDENTITY);
        }
    }

    /** Kafka back: the held events are published, a crashed relay's batch again, and each chunk is applied once. */
    private void deliverOnceEach(UUID document, List<String> chunkIds) throws Exception {
        relay(bootstrap).relayAll().await().atMost(WAIT);
        // A relay that crashed before marking its batch sends the same rows again.
        fixtures.execute("UPDATE outbox SET published_at = NULL WHERE event_type = 'chunk.upserted' "
                + "AND envelope->'payload'->>'document_id' = $1", document.toString());
        relay(bootstrap).relayAll().await().atMost(WAIT);

        Set<String> applied = new HashSet<>();
        List<String> appliedTwice = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    ReceivedEvent event = ReceivedEvent.read(mapper, record);
                    if (event.isTombstone() || !chunkIds.contains(event.key())) {
                        continue;
                    }
                    boolean first = processed.applyOnce("t15-consumer", event.envelope().eventId(),
                            conn -> io.smallrye.mutiny.Uni.createFrom().voidItem()).await().atMost(WAIT);
                    if (first && !applied.add(event.key())) {
                        appliedTwice.add(event.key());
                    }
                }
                return applied.size() == chunkIds.size()
                        && fixtures.count("SELECT count(*) FROM processed_events WHERE consumer = 't15-consumer'") == chunkIds.size();
            });
        }
        assertEquals(List.of(), appliedTwice, "no chunk id applied twice");
    }

    @Test
    void servesChunkTextToServicesOnly() {
        UUID document = fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource("Seige_of_Vicksburg_Sample_OCR.pdf")),
                "Vicksburg (batchGet)");
        List<String> ids = fixtures.strings("SELECT id FROM chunks WHERE document_id = $1 ORDER BY page, chunk_index", document);
        String unknown = "0".repeat(64);
        List<String> asked = new ArrayList<>(ids);
        asked.add(unknown);
        given().urlEncodingEnabled(false).auth().oauth2(TestJwt.token("retrieval", "service", null)).contentType("application/json")
                .body(Map.of("ids", asked)).when().post("/internal/v1/chunks:batchGet")
                .then().statusCode(200)
                .body("chunks", hasSize(ids.size()))
                .body("chunks[0].title", equalTo("Vicksburg (batchGet)"))
                .body("missing", equalTo(List.of(unknown)));
        given().urlEncodingEnabled(false).auth().oauth2(TestJwt.token("s1", "student", "free")).contentType("application/json")
                .body(Map.of("ids", ids)).when().post("/internal/v1/chunks:batchGet").then().statusCode(403);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(unknown);
        }
        given().urlEncodingEnabled(false).auth().oauth2(TestJwt.token("retrieval", "service", null)).contentType("application/json")
                .body(Map.of("ids", tooMany)).when().post("/internal/v1/chunks:batchGet").then().statusCode(400);
    }

    @Test
    void reindexRepublishesEveryLiveChunkUnderANewGeneration() {
        fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf")), "Habibi (reindex)");
        long live = fixtures.count("SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id "
                + "WHERE d.status = 'COMPLETED'");
        String job = given().auth().oauth2(TestJwt.token("admin-1", "admin", "premium")).contentType("application/json")
                .body(Map.of("re_embed", true)).when().post("/v1/admin/reindex")
                .then().statusCode(202).body("kind", equalTo("REINDEX")).extract().path("id");
        fixtures.drain();
        given().auth().oauth2(TestJwt.token("admin-1", "admin", "premium")).when().get("/v1/jobs/" + job)
                .then().statusCode(200).body("job.state", equalTo("COMPLETED"))
                .body("job.chunks_done", equalTo((int) live));
        assertEquals(live, fixtures.count("SELECT count(*) FROM outbox WHERE event_type = 'chunk.upserted' "
                + "AND envelope->>'event_id' IS NOT NULL AND id IN (SELECT id FROM outbox ORDER BY seq DESC LIMIT $1)", live));
    }

    private OutboxRelay relay(String servers) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000), new StringSerializer(), new StringSerializer());
        return new OutboxRelay(fixtures.pool(), producer, Infrastructure.getDefaultWorkerPool(), 200,
                Duration.ofSeconds(10), new SimpleMeterRegistry());
    }

    private KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "t15-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 10 * 1024 * 1024),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.INGESTION_CHUNKS));
        return consumer;
    }
}
