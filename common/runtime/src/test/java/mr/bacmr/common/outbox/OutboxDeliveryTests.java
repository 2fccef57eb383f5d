package mr.bacmr.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.EventHeaders;
import mr.bacmr.common.events.ReceivedEvent;
import mr.bacmr.common.web.RequestIds;
import mr.bacmr.testing.TestKafka;
import mr.bacmr.testing.TestPostgres;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox end to end on the real Postgres and a real Kafka broker: what a business transaction writes is
 * published with its request id, survives a broker outage (§5.2), is applied once however often it is delivered,
 * and goes out exactly once in order when several replicas relay at the same time.
 */
class OutboxDeliveryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static String database;
    private static Vertx vertx;
    private static Pool pool;
    private static ExecutorService blocking;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void database() {
        database = TestPostgres.createDatabase("outbox");
        Flyway.configure().dataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), TestPostgres.password())
                .locations("classpath:db/common").load().migrate();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(8))
                .connectingTo(new PgConnectOptions().setHost(TestPostgres.host()).setPort(TestPostgres.port())
                        .setDatabase(database).setUser(TestPostgres.user()).setPassword(TestPostgres.password()))
                .using(vertx)
                .build();
        pool.query("CREATE TABLE applied (event_id uuid PRIMARY KEY, request_id text)").execute().await().atMost(WAIT);
        blocking = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void dropDatabase() {
        pool.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
        blocking.shutdownNow();
        TestPostgres.dropDatabase(database);
    }

    @BeforeEach
    void freshTopic() {
        topic = "bacmr.test.outbox-" + UUID.randomUUID();
        pool.query("TRUNCATE outbox, processed_events, applied").execute().await().atMost(WAIT);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        RequestIds.bind(null);
    }

    @Test
    void publishesWithTheRequestIdAndAppliesARepublishedRowOnce() {
        EventEnvelope event = envelope("req-outbox-1");
        commit(OutboxMessage.event(topic, "user-1", event));

        assertEquals(1, relay(TestKafka.bootstrapServers()).relayAll().await().atMost(WAIT));
        KafkaConsumer<String, String> consumer = consumer();
        List<ConsumerRecord<String, String>> first = poll(consumer, 1);
        assertEquals("req-outbox-1", EventHeaders.read(first.get(0).headers(), EventHeaders.REQUEST_ID));
        assertEquals("user-1", first.get(0).key());

        ReceivedEvent received = ReceivedEvent.read(MAPPER, first.get(0));
        assertEquals("req-outbox-1", RequestIds.current(), "the consumer's log context has the producer's request id");
        assertEquals(event.eventId(), received.envelope().eventId());
        assertEquals("user.tested", received.envelope().type());
        assertTrue(applyOnce(received));

        // A relay that crashed after sending but before marking publishes the same row again.
        pool.query("UPDATE outbox SET published_at = NULL").execute().await().atMost(WAIT);
        assertEquals(1, relay(TestKafka.bootstrapServers()).relayAll().await().atMost(WAIT));
        ConsumerRecord<String, String> again = poll(consumer, 1).get(0);
        assertFalse(applyOnce(ReceivedEvent.read(MAPPER, again)), "a redelivered event is not applied twice");

        assertEquals(1L, count("SELECT count(*) FROM applied"));
        assertEquals("req-outbox-1", pool.query("SELECT request_id FROM applied").execute().await().atMost(WAIT)
                .iterator().next().getString(0));
    }

    @Test
    void keepsEventsWhileKafkaIsDownAndPublishesThemWhenItIsBack() throws Exception {
        commit(OutboxMessage.event(topic, "user-2", envelope("req-outage")));

        OutboxRelay toNowhere = relay("127.0.0.1:" + closedPort());
        assertThrows(RuntimeException.class, () -> toNowhere.relayAll().await().atMost(WAIT));
        assertEquals(1L, count("SELECT count(*) FROM outbox WHERE published_at IS NULL"), "the event is still held");

        assertEquals(1, relay(TestKafka.bootstrapServers()).relayAll().await().atMost(WAIT));
        assertEquals(0L, count("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        assertEquals("req-outage", EventHeaders.read(poll(consumer(), 1).get(0).headers(), EventHeaders.REQUEST_ID));
    }

    @Test
    void writesNothingWhenTheBusinessTransactionRollsBack() {
        OutboxWriter writer = new OutboxWriter(MAPPER);
        assertThrows(RuntimeException.class, () -> pool.withTransaction(conn ->
                        writer.append(conn, OutboxMessage.event(topic, "k", envelope("req-rollback")))
                                .chain(() -> conn.query("SELECT 1/0").execute()))
                .await().atMost(WAIT));
        assertEquals(0L, count("SELECT count(*) FROM outbox"));
    }

    @Test
    void publishesTombstonesAsNullValues() {
        commit(OutboxMessage.tombstone(topic, "chunk-1", "req-delete"));
        relay(TestKafka.bootstrapServers()).relayAll().await().atMost(WAIT);
        ConsumerRecord<String, String> record = poll(consumer(), 1).get(0);
        assertEquals("chunk-1", record.key());
        assertNull(record.value());
        assertTrue(ReceivedEvent.read(MAPPER, record).isTombstone());
        assertEquals("req-delete", RequestIds.current());
    }

    @Test
    void concurrentRelaysPublishEveryRowExactlyOnceInOrder() {
        int events = 600;
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(OutboxMessage.event(topic, "key-" + (i % 7), envelope("req-" + i)));
        }
        OutboxWriter writer = new OutboxWriter(MAPPER);
        pool.withTransaction(conn -> Uni.join().all(messages.stream().map(m -> writer.append(conn, m)).toList())
                .usingConcurrencyOf(1).andFailFast()).await().atMost(WAIT);

        List<OutboxRelay> replicas = List.of(relay(TestKafka.bootstrapServers()), relay(TestKafka.bootstrapServers()),
                relay(TestKafka.bootstrapServers()));
        await().atMost(WAIT).until(() -> {
            Uni.join().all(replicas.stream().map(OutboxRelay::relayBatch).toList()).andCollectFailures()
                    .await().atMost(WAIT);
            return count("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0;
        });

        List<ConsumerRecord<String, String>> records = poll(consumer(), events);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Map<String, Integer> lastIndexPerKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            assertTrue(ids.add(EventHeaders.read(record.headers(), EventHeaders.EVENT_ID)), "published twice: " + record);
            int index = Integer.parseInt(EventHeaders.read(record.headers(), EventHeaders.REQUEST_ID).substring(4));
            Integer previous = lastIndexPerKey.put(record.key(), index);
            assertTrue(previous == null || previous < index, "order broken for " + record.key());
        }
        assertEquals(events, ids.size());
    }

    private static EventEnvelope envelope(String requestId) {
        RequestIds.bind(requestId);
        try {
            return EventEnvelope.create(MAPPER, "user.tested", 1, "outbox-test", Map.of("answer", 42));
        } finally {
            RequestIds.bind(null);
        }
    }

    private static void commit(OutboxMessage message) {
        OutboxWriter writer = new OutboxWriter(MAPPER);
        pool.withTransaction(conn -> writer.append(conn, message)).await().atMost(WAIT);
    }

    private static boolean applyOnce(ReceivedEvent event) {
        String requestId = RequestIds.current(); // read on the consuming thread; the effect runs on an event loop
        return new ProcessedEvents(pool).applyOnce("outbox-test-consumer", event.envelope().eventId(),
                conn -> conn.preparedQuery("INSERT INTO applied (event_id, request_id) VALUES ($1, $2)")
                        .execute(Tuple.of(event.envelope().eventId(), requestId)))
                .await().atMost(WAIT);
    }

    private static long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    private OutboxRelay relay(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        closeables.add(producer);
        return new OutboxRelay(pool, producer, blocking, 100, Duration.ofSeconds(10), new SimpleMeterRegistry());
    }

    private KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        closeables.add(consumer);
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= expected;
        });
        assertEquals(expected, records.size(), "no more than expected");
        return records;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
