package mr.bacmr.common.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Function;

/**
 * The consumer half of exactly-once effects over at-least-once delivery: an event's effect and its
 * {@code processed_events} row commit together, so a redelivered event finds its row and does nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String MARK = """
            INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""";

    private final Pool pool;

    public ProcessedEvents(Pool pool) {
        this.pool = pool;
    }

    /** Records the event inside {@code tx}; true when it had not been processed by {@code consumer} before. */
    public Uni<Boolean> markFirstTime(SqlClient tx, String consumer, UUID eventId) {
        return tx.preparedQuery(MARK).execute(Tuple.of(consumer, eventId)).map(rows -> rows.rowCount() == 1);
    }

    /** Applies {@code effect} in one transaction with the dedupe row; the item says whether it was applied. */
    public Uni<Boolean> applyOnce(String consumer, UUID eventId, Function<SqlConnection, Uni<?>> effect) {
        return pool.withTransaction(conn -> markFirstTime(conn, consumer, eventId)
                .chain(first -> first ? effect.apply(conn).replaceWith(true) : Uni.createFrom().item(false)));
    }
}
