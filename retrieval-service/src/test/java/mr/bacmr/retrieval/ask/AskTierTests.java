package mr.bacmr.retrieval.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;

import mr.bacmr.common.events.Topics;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.store.AskQuotaStore;
import mr.bacmr.retrieval.testing.ChatStubControl;

import static mr.bacmr.retrieval.ask.AskFixtures.ask;
import static mr.bacmr.retrieval.ask.AskFixtures.config;
import static mr.bacmr.retrieval.ask.AskFixtures.corpus;
import static mr.bacmr.retrieval.ask.AskFixtures.userWith;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier limits on asks (S12): daily allowance, context-token budget; and the usage event every answer publishes. */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskTierTests {

    private final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    Pool pool;
    @Inject
    AskQuotaStore quota;
    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void freshStub() {
        chat.reset();
    }

    @Test
    void theDailyAllowanceIsSpentThen429WithTheResetTime() {
        String user = userWith(100);
        corpus();
        pool.preparedQuery("INSERT INTO ask_quota (user_id, day, asks) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 19)")
                .execute(Tuple.of(user)).await().indefinitely();
        OffsetDateTime midnight = pool.query("SELECT ((now() AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC'")
                .execute().await().indefinitely().iterator().next().getOffsetDateTime(0);

        ask(user, "free", "Quelle est la capitale de la Mauritanie ?", corpus().history()).then().statusCode(200);
        Response refused = ask(user, "free", "Et son fleuve ?", corpus().history());

        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/ask-quota-exhausted"))
                .body("limit", equalTo(20))
                .body("resets_at", equalTo(midnight.toInstant().toString()));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long untilMidnight = Duration.between(Instant.now(), midnight.toInstant()).toSeconds();
        assertTrue(Math.abs(retryAfter - untilMidnight) <= 5, retryAfter + " vs " + untilMidnight);
        assertEquals(1, chat.calls().size(), "the refused ask never reached the model");

        ask(user, "standard", "Et son fleuve ?", corpus().history()).then().statusCode(200); // 200 a day on standard
    }

    @Test
    void concurrentAsksNeverExceedTheAllowance() {
        String user = "student-" + UUID.randomUUID();
        List<AskQuotaStore.Taken> taken = Multi.createFrom().range(0, 30)
                .onItem().transformToUni(i -> quota.take(user, 20)).merge(30)
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        assertEquals(20, taken.stream().filter(AskQuotaStore.Taken::granted).count());
        assertEquals(20, quota.usedToday(user).await().indefinitely());
        quota.giveBack(user, taken.get(0).day()).await().indefinitely();
        assertEquals(19, quota.usedToday(user).await().indefinitely());
    }

    @Test
    void theContextGivenToTheModelFitsTheTiersTokenBudget() {
        String user = userWith(1_000);
        String question = "Comment la photosynthèse fabrique-t-elle le glucose dans les feuilles ?";

        Response free = ask(user, "free", question, corpus().biology());
        Response premium = ask(user, "premium", question, corpus().biology());

        free.then().statusCode(200).body("mode", equalTo("generative"));
        premium.then().statusCode(200).body("mode", equalTo("generative"));
        List<String> freeChunks = free.path("citations.chunk_id");
        List<String> premiumChunks = premium.path("citations.chunk_id");
        Map<String, Integer> tokens = chunkTokens(corpus().biology());
        int freeTokens = freeChunks.stream().mapToInt(tokens::get).sum();
        int premiumTokens = premiumChunks.stream().mapToInt(tokens::get).sum();
        assertTrue(freeTokens <= 2_000, "free context: " + freeTokens);
        assertTrue(premiumTokens > 2_000 && premiumTokens <= 8_000, "premium context: " + premiumTokens);
        assertTrue(premiumChunks.containsAll(freeChunks) && premiumChunks.size() > freeChunks.size());
        String freePrompt = chat.calls().get(0).path("messages").get(1).path("content").asText();
        assertTrue(freePrompt.contains("[" + freeChunks.size() + "] "), "sources numbered up to the last one sent");
        assertTrue(!freePrompt.contains("[" + (freeChunks.size() + 1) + "] "), "and no further");
    }

    @Test
    void aQuestionWithoutSourcesIsAnsweredSoFreelyAndDoesNotCount() {
        String user = userWith(10);

        ask(user, "free", "Quelle est la capitale de la Mauritanie ?", UUID.randomUUID()).then().statusCode(200)
                .body("mode", equalTo("extractive"))
                .body("fallback", equalTo("no-sources"))
                .body("citations", empty())
                .body("usage.credits", equalTo(0))
                .body("usage.reservation_id", nullValue());

        assertEquals(0, chat.calls().size());
        assertEquals(0, quota.usedToday(user).await().indefinitely());
    }

    @Test
    void everyAnswerPublishesItsUsageThroughTheOutbox() {
        String user = userWith(100);
        chat.answer("La capitale est Nouakchott [1].", 700, 20);
        String requestId = "ask-usage-" + UUID.randomUUID();

        Response response = io.restassured.RestAssured.given()
                .auth().oauth2(mr.bacmr.testing.TestJwt.token(user, "student", "standard"))
                .header("X-Request-ID", requestId).contentType("application/json")
                .body(Map.of("question", "Quelle est la capitale de la Mauritanie ?",
                        "filters", Map.of("document_id", corpus().history().toString())))
                .when().post("/v1/ask");
        response.then().statusCode(200).body("request_id", equalTo(requestId));
        String askId = response.path("id");

        ConsumerRecord<String, String> record = consumeUsage(askId);
        assertEquals(user, record.key());
        JsonNode envelope = read(record.value());
        assertEquals("usage.recorded", envelope.path("type").asText());
        assertEquals("retrieval-service", envelope.path("producer").asText());
        assertEquals(requestId, envelope.path("request_id").asText());
        JsonNode payload = envelope.path("payload");
        assertEquals(user, payload.path("user_id").asText());
        assertEquals("ask", payload.path("operation").asText());
        assertEquals("gpt-4o-mini", payload.path("model").asText());
        assertEquals(700, payload.path("input_tokens").asInt());
        assertEquals(20, payload.path("output_tokens").asInt());
        assertEquals(1, payload.path("credits").asLong()); // (700 + 80) / 1,000 rounded up
        assertEquals(response.<String>path("usage.reservation_id"), payload.path("reservation_id").asText());
    }

    private ConsumerRecord<String, String> consumeUsage(String usageId) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config("kafka.bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "ask-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE));
            await("usage " + usageId + " on " + Topics.USAGE).atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (usageId.equals(read(record.value()).path("payload").path("usage_id").asText())) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    private Map<String, Integer> chunkTokens(UUID document) {
        List<Map<String, Object>> results = io.restassured.RestAssured.given()
                .auth().oauth2(mr.bacmr.testing.TestJwt.token("fixture", "student", "premium"))
                .contentType("application/json")
                .body(Map.of("query", "photosynthèse", "top_k", 20, "filters", Map.of("document_id", document.toString())))
                .when().post("/v1/search").then().statusCode(200).extract().path("results");
        return results.stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("chunk_id"),
                r -> (Integer) r.get("token_count")));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
