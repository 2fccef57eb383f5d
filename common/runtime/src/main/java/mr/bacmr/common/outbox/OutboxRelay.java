package mr.bacmr.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import mr.bacmr.common.events.EventHeaders;

/**
 * Moves committed outbox rows to Kafka, oldest first, and marks them published in the same transaction.
 * <p>
 * Safe with several replicas: a transaction-scoped advisory lock lets one relay work at a time, which also keeps
 * per-key order; the others skip the round. If Kafka is down the send fails, the transaction rolls back and the
 * rows stay for the next round (at-least-once; consumers dedupe on event id).
 */
public class OutboxRelay {

    /** Arbitrary constant shared by every replica of every service (each service has its own database). */
    static final long RELAY_LOCK = 0x6261636d72L; // "bacmr"

    private static final String CLAIM = """
            SELECT id, topic, msg_key, envelope::text AS envelope, event_type, request_id
            FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED""";
    private static final String MARK = "UPDATE outbox SET published_at = now() WHERE id = ANY($1)";

    private final Pool pool;
    private final Producer<String, String> producer;
    private final Executor blockingExecutor;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(Pool pool, Producer<String, String> producer, Executor blockingExecutor,
                       int batchSize, Duration sendTimeout, MeterRegistry registry) {
        this.pool = pool;
        this.producer = producer;
        this.blockingExecutor = blockingExecutor;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.published = registry.counter("bacmr.outbox.published");
        this.failures = registry.counter("bacmr.outbox.publish.failures");
    }

    /** Publishes one batch; the item is how many rows were published (0 when idle or another replica holds the lock). */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                        .execute(Tuple.of(RELAY_LOCK))
                        .chain(lock -> lock.iterator().next().getBoolean(0) ? claimAndSend(conn) : Uni.createFrom().item(0)))
                .onFailure().invoke(e -> {
                    failures.increment();
                    Log.warnf("outbox relay round failed, rows stay pending: %s", e.getMessage());
                });
    }

    /** Publishes batches until the outbox is drained or a round fails. */
    public Uni<Integer> relayAll() {
        return relayBatch().chain(count -> count < batchSize
                ? Uni.createFrom().item(count)
                : relayAll().map(more -> count + more));
    }

    private Uni<Integer> claimAndSend(SqlConnection conn) {
        return conn.preparedQuery(CLAIM).execute(Tuple.of(batchSize)).chain(rows -> {
            List<PendingRecord> pending = toPending(rows);
            if (pending.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            UUID[] ids = pending.stream().map(PendingRecord::id).toArray(UUID[]::new);
            return send(pending)
                    .chain(() -> conn.preparedQuery(MARK).execute(Tuple.of((Object) ids)))
                    .invoke(() -> published.increment(pending.size()))
                    .replaceWith(pending.size());
        });
    }

    /** {@code Producer.send} can block while it waits for metadata, so it never runs on the event loop. */
    private Uni<Void> send(List<PendingRecord> pending) {
        return Uni.createFrom().<Void>completionStage(() -> {
                    CompletableFuture<?>[] acks = pending.stream().map(this::sendOne).toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(acks);
                })
                .runSubscriptionOn(blockingExecutor)
                .ifNoItem().after(sendTimeout).fail();
    }

    private CompletableFuture<Void> sendOne(PendingRecord pending) {
        ProducerRecord<String, String> record = new ProducerRecord<>(pending.topic(), pending.key(), pending.envelope());
        EventHeaders.write(record.headers(), EventHeaders.EVENT_ID, pending.id().toString());
        EventHeaders.write(record.headers(), EventHeaders.EVENT_TYPE, pending.type());
        EventHeaders.write(record.headers(), EventHeaders.REQUEST_ID, pending.requestId());
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(null);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static List<PendingRecord> toPending(RowSet<Row> rows) {
        List<PendingRecord> pending = new ArrayList<>(rows.size());
        for (Row row : rows) {
            pending.add(new PendingRecord(row.getUUID("id"), row.getString("topic"), row.getString("msg_key"),
                    row.getString("envelope"), row.getString("event_type"), row.getString("request_id")));
        }
        return pending;
    }

    private record PendingRecord(UUID id, String topic, String key, String envelope, String type, String requestId) {
    }
}
