package mr.bacmr.retrieval.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.embedding.ChunkWindowEmbedder;
import mr.bacmr.common.events.Topics;
import mr.bacmr.retrieval.ChunkEventFixtures;
import mr.bacmr.retrieval.ChunkEventFixtures.TestChunk;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;

import static mr.bacmr.retrieval.SearchCalls.metric;
import static mr.bacmr.retrieval.SearchCalls.scrape;
import static mr.bacmr.retrieval.SearchCalls.search;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk events on the real broker reach the index: upserts, tombstones, filters, windows, refused records. */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class ChunkIndexingTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    static final String PHOTOSYNTHESIS = "La photosynthèse permet aux plantes vertes de fabriquer du glucose à partir "
            + "de la lumière du soleil, de l'eau et du dioxyde de carbone, en rejetant de l'oxygène.";
    static final String REVOLUTION = "La Révolution française commence en 1789 : le peuple de Paris prend la Bastille "
            + "et la monarchie absolue de Louis XVI s'effondre.";
    static final String NILE_AR = "يعد نهر النيل أطول نهر في العالم، ويمر عبر إحدى عشرة دولة في شرق أفريقيا وشمالها "
            + "قبل أن يصب في البحر الأبيض المتوسط.";

    @Inject
    ChunkEventFixtures events;
    @Inject
    ChunkWindowEmbedder embedder;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void publishedChunksBecomeSearchableAndATombstoneRemovesThem() {
        UUID document = UUID.randomUUID();
        TestChunk plants = ChunkEventFixtures.chunk(document, "fr", PHOTOSYNTHESIS);
        TestChunk revolution = ChunkEventFixtures.chunk(document, "fr", REVOLUTION);
        events.publish(List.of(plants, revolution));

        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("la photosynthèse des plantes", document))
                .statusCode(200)
                .body("results", hasSize(2))
                .body("results[0].chunk_id", equalTo(plants.id()))
                .body("results[0].document_id", equalTo(document.toString()))
                .body("results[0].title", equalTo(plants.title()))
                .body("results[0].language", equalTo("fr"))
                .body("results[0].page", equalTo(1))
                .body("results[0].token_count", equalTo(PHOTOSYNTHESIS.length() / 4)));

        events.tombstone(plants.id());
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("la photosynthèse des plantes", document))
                .statusCode(200)
                .body("results.chunk_id", contains(revolution.id())));
    }

    @Test
    void anUpsertOfTheSameChunkReplacesIt() {
        UUID document = UUID.randomUUID();
        TestChunk first = ChunkEventFixtures.chunk(document, "fr", PHOTOSYNTHESIS);
        events.publish(List.of(first));
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("glucose", document))
                .body("results.chunk_id", contains(first.id())));

        TestChunk replaced = new TestChunk(first.id(), document, "Histoire, 2e édition", "histoire", "7D", "fr", 4,
                REVOLUTION);
        events.publish(List.of(replaced));
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("Bastille", document))
                .body("results", hasSize(1))
                .body("results[0].chunk_id", equalTo(first.id()))
                .body("results[0].title", equalTo("Histoire, 2e édition"))
                .body("results[0].page", equalTo(4)));
        // the old text is gone from the lexical index; the chunk is the document's only one, once
        search("premium", Map.of("query", "glucose photosynthèse", "top_k", 20,
                "filters", Map.of("document_id", document.toString(), "subject", "sciences")))
                .body("results", hasSize(0));
    }

    @Test
    void filtersApplyToTheVectorListToo() {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        TestChunk plants = ChunkEventFixtures.chunk(mine, "fr", PHOTOSYNTHESIS);
        TestChunk nile = ChunkEventFixtures.chunk(mine, "ar", NILE_AR);
        TestChunk otherPlants = ChunkEventFixtures.chunk(other, "fr", PHOTOSYNTHESIS.replace("La photosynthèse", "Ce processus"));
        events.publish(List.of(plants, nile, otherPlants));
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("نهر النيل", mine))
                .body("results.chunk_id", hasItem(nile.id())));

        // Every chunk of the index is a kNN candidate for any query: only a filtered kNN keeps the others out.
        search("premium", Map.of("query", "comment les végétaux produisent leur nourriture", "top_k", 20,
                "filters", Map.of("document_id", mine.toString())))
                .statusCode(200)
                .body("results.document_id", everyItem(equalTo(mine.toString())))
                .body("results.chunk_id", hasItem(plants.id()));
        search("premium", Map.of("query", "comment les végétaux produisent leur nourriture", "top_k", 20,
                "filters", Map.of("document_id", mine.toString(), "language", "ar")))
                .statusCode(200)
                .body("results.chunk_id", contains(nile.id()));
        search("premium", Map.of("query", "végétaux", "top_k", 20,
                "filters", Map.of("subject", "no-such-subject")))
                .statusCode(200)
                .body("results", hasSize(0));
    }

    @Test
    void aChunkEmbeddedInSeveralWindowsCountsOnceAndItsTailIsFound() {
        String filler = "Cette leçon présente l'organisation des semaines de révision avant l'examen national dans notre "
                + "lycée, les horaires des salles, les règles de la bibliothèque et le calendrier des devoirs surveillés. ";
        String text = filler.repeat(6) + "Enfin, la dernière partie explique la tectonique des plaques et les séismes "
                + "le long des dorsales océaniques.";
        assertTrue(embedder.windows(text).size() > 2, "the text needs several windows");
        UUID document = UUID.randomUUID();
        TestChunk longChunk = ChunkEventFixtures.chunk(document, "fr", text);
        TestChunk plants = ChunkEventFixtures.chunk(document, "fr", PHOTOSYNTHESIS);
        events.publish(List.of(longChunk, plants));

        await().atMost(WAIT).untilAsserted(() -> search("premium",
                Map.of("query", "tectonique des plaques et séismes", "top_k", 20,
                        "filters", Map.of("document_id", document.toString())))
                .statusCode(200)
                .body("results", hasSize(2))
                .body("results[0].chunk_id", equalTo(longChunk.id())));
    }

    @Test
    void vectorsOfAnotherModelAreLeftOutAndTheTextStaysSearchable() {
        double before = withoutVectors();
        UUID document = UUID.randomUUID();
        TestChunk chunk = ChunkEventFixtures.chunk(document, "fr", REVOLUTION);
        // three dimensions: indexing them next to the 384-dim vectors would fail, so this also proves they are skipped
        events.publish(chunk, new ChunkUpserted.Vectors("text-embedding-3-small", "bacmr-chunks", 3,
                new float[] {1, 0, 0}, List.of(new float[] {1, 0, 0})));
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("Bastille 1789", document))
                .body("results.chunk_id", contains(chunk.id())));
        assertEquals(before + 1, withoutVectors());
    }

    @Test
    void aRecordThatIsNotAChunkEventIsParkedAndConsumptionGoesOn() {
        String key = "broken-" + UUID.randomUUID();
        events.send(key, "{\"event_id\": not json");
        UUID document = UUID.randomUUID();
        TestChunk after = ChunkEventFixtures.chunk(document, "fr", REVOLUTION);
        events.publish(List.of(after));
        await().atMost(WAIT).untilAsserted(() -> search("premium", inDocument("Bastille", document))
                .body("results.chunk_id", contains(after.id())));

        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.deadLetter(Topics.INGESTION_CHUNKS)));
            StringBuilder error = new StringBuilder();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        error.append(new String(record.headers().lastHeader(DeadLetters.ERROR_HEADER).value(),
                                StandardCharsets.UTF_8));
                    }
                }
                return error.length() > 0;
            });
            assertTrue(error.toString().contains("not an event envelope"), error.toString());
        }
    }

    @Test
    void indexStatsShowTheCommittedPosition() {
        UUID document = UUID.randomUUID();
        org.apache.kafka.clients.producer.RecordMetadata written =
                events.publish(List.of(ChunkEventFixtures.chunk(document, "fr", PHOTOSYNTHESIS))).get(0);
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> stats = io.restassured.RestAssured.given()
                    .auth().oauth2(mr.bacmr.testing.TestJwt.token("ops", "admin", null))
                    .when().get("/internal/v1/index/stats").then().statusCode(200)
                    .body("caught_up", equalTo(true))
                    .body("chunks", org.hamcrest.Matchers.greaterThan(0))
                    .extract().as(Map.class);
            Map<?, ?> offsets = (Map<?, ?>) stats.get("offsets");
            Number committed = (Number) offsets.get(String.valueOf(written.partition()));
            assertTrue(committed != null && committed.longValue() > written.offset(),
                    "committed past the event: " + offsets);
        });
    }

    private static Map<String, Object> inDocument(String query, UUID document) {
        return Map.of("query", query, "top_k", 20, "filters", Map.of("document_id", document.toString()));
    }

    private static double withoutVectors() {
        double value = metric(scrape(), "bacmr_retrieval_index_chunks_without_vectors_total");
        return Double.isNaN(value) ? 0 : value;
    }
}
