package mr.bacmr.billing.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.events.UsageRecorded;
import mr.bacmr.testing.BacmrTestInfrastructure;

import static mr.bacmr.billing.BillingFixtures.count;
import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.query;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bacmr.usage} through the real broker: debits, aggregation, exactly-once effects, the DLQ. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class UsageConsumerTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void usageWithoutAReservationIsDebitedAndAggregatedPerUserModelAndDay() throws Exception {
        String user = fundedUser(1_000);
        Instant at = Instant.parse("2026-11-20T10:15:30Z");
        UsageRecorded first = usage(user, "gpt-4o-mini", 120, null, at);
        UsageRecorded second = usage(user, "gpt-4o-mini", 30, null, at.plusSeconds(3_600));
        UsageRecorded other = usage(user, "embed-small", 5, null, at);
        send(envelope(first));
        send(envelope(second));
        send(envelope(other));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE user_id = ?", user) == 3);
        assertArrayEquals(new long[] {845, 0}, wallet(user));
        assertEquals(-120L, query("SELECT amount FROM ledger_entries WHERE user_id = ? AND kind = 'USAGE_DEBIT' "
                + "AND reference = ?", user, first.usageId().toString()).get(0).get("amount"));
        Map<String, Object> daily = query("SELECT events, input_tokens, output_tokens, credits, shortfall FROM usage_daily "
                + "WHERE user_id = ? AND model = 'gpt-4o-mini' AND day = ?", user, LocalDate.of(2026, 11, 20)).get(0);
        assertEquals(2L, daily.get("events"));
        assertEquals(2_000L, daily.get("input_tokens"));
        assertEquals(600L, daily.get("output_tokens"));
        assertEquals(150L, daily.get("credits"));
        assertEquals(0L, daily.get("shortfall"));
        assertEquals(1, count("SELECT count(*) FROM usage_daily WHERE user_id = ? AND model = 'embed-small'", user));
    }

    @Test
    void aRedeliveredEventOrARepublishedUsageIsAppliedOnce() throws Exception {
        String user = fundedUser(1_000);
        UsageRecorded once = usage(user, "gpt-4o-mini", 100, null, Instant.now());
        EventEnvelope envelope = envelope(once);
        send(envelope);
        send(envelope);
        // The same usage published again under a new event id (a producer that lost its outbox row's id).
        send(new EventEnvelope(UUID.randomUUID(), envelope.type(), 1, Instant.now(), "retrieval-service", "req-again",
                null, envelope.payload()));
        UsageRecorded marker = usage(user, "marker", 1, null, Instant.now());
        send(envelope(marker));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE usage_id = ?", marker.usageId()) == 1);
        assertEquals(1, count("SELECT count(*) FROM usage_records WHERE usage_id = ?", once.usageId()));
        assertEquals(1, count("SELECT count(*) FROM ledger_entries WHERE reference = ?", once.usageId().toString()));
        assertArrayEquals(new long[] {899, 0}, wallet(user));
    }

    @Test
    void usageUnderAReservationIsOnlyAggregated() throws Exception {
        String user = fundedUser(500);
        String reservation = reserved(user, 200);
        finalizeReservation(reservation, 180).then().statusCode(200);
        UsageRecorded captured = usage(user, "gpt-4o", 180, UUID.fromString(reservation), Instant.now());
        send(envelope(captured));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE usage_id = ?", captured.usageId()) == 1);
        assertArrayEquals(new long[] {320, 0}, wallet(user), "finalize charged it; the usage event does not again");
        assertEquals(0, count("SELECT count(*) FROM ledger_entries WHERE user_id = ? AND kind = 'USAGE_DEBIT'", user));
        assertEquals(180L, query("SELECT credits FROM usage_daily WHERE user_id = ? AND model = 'gpt-4o'", user)
                .get(0).get("credits"));
    }

    @Test
    void usageBeyondTheAvailableCreditsDebitsWhatIsThereAndRecordsTheShortfall() throws Exception {
        String user = fundedUser(100);
        reserved(user, 70);
        UsageRecorded tooMuch = usage(user, "gpt-4o", 50, null, Instant.now());
        send(envelope(tooMuch));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE usage_id = ?", tooMuch.usageId()) == 1);
        Map<String, Object> recorded = query("SELECT debited, shortfall FROM usage_records WHERE usage_id = ?",
                tooMuch.usageId()).get(0);
        assertEquals(30L, recorded.get("debited"), "only the 30 available; the 70 held stay held");
        assertEquals(20L, recorded.get("shortfall"));
        assertArrayEquals(new long[] {70, 70}, wallet(user), "balance >= held >= 0 holds");

        UsageRecorded nothingLeft = usage("no-wallet-" + UUID.randomUUID(), "gpt-4o", 10, null, Instant.now());
        send(envelope(nothingLeft));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE usage_id = ?",
                nothingLeft.usageId()) == 1);
        assertEquals(10L, query("SELECT shortfall FROM usage_records WHERE usage_id = ?", nothingLeft.usageId())
                .get(0).get("shortfall"));
    }

    @Test
    void unreadableOrInvalidEventsGoToTheDeadLetterTopicAndTheRestFlows() throws Exception {
        String user = fundedUser(100);
        String poisonKey = "poison-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.USAGE, poisonKey, "{not json")).get();
        UsageRecorded negative = new UsageRecorded(UUID.randomUUID(), user, "ask", "m", 1, 1, -5, null, Instant.now());
        String negativeKey = "negative-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.USAGE, negativeKey, mapper.writeValueAsString(envelope(negative)))).get();
        UsageRecorded fine = usage(user, "gpt-4o-mini", 7, null, Instant.now());
        send(envelope(fine));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE usage_id = ?", fine.usageId()) == 1);
        assertArrayEquals(new long[] {93, 0}, wallet(user));
        assertEquals(0, count("SELECT count(*) FROM usage_records WHERE usage_id = ?", negative.usageId()));

        List<String> parked = new ArrayList<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.deadLetter(Topics.USAGE)));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(200))) {
                    parked.add(record.key());
                }
                return parked.contains(poisonKey) && parked.contains(negativeKey);
            });
        }
        assertTrue(parked.contains(poisonKey) && parked.contains(negativeKey), "both parked: " + parked);
    }

    private UsageRecorded usage(String user, String model, long credits, UUID reservation, Instant at) {
        return new UsageRecorded(UUID.randomUUID(), user, "ask", model, 1_000, 300, credits, reservation, at);
    }

    private EventEnvelope envelope(UsageRecorded usage) {
        return usage.toOutbox(mapper, "retrieval-service").envelope();
    }

    private void send(EventEnvelope envelope) throws Exception {
        String user = envelope.payload().get("user_id").asText();
        producer.send(new ProducerRecord<>(Topics.USAGE, user, mapper.writeValueAsString(envelope))).get();
    }
}
