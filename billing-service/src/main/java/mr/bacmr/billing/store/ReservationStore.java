package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.billing.domain.Reservation;
import mr.bacmr.billing.domain.ReservationStatus;

/**
 * Reservations. A resolution is a conditional update ({@code WHERE status = 'PENDING'}) of a row the caller has
 * locked; the database trigger refuses any second one. Times come from the database clock.
 */
@ApplicationScoped
public class ReservationStore {

    private static final String COLUMNS = """
            id, user_id, amount, captured, status, operation, idempotency_key, request_id, expires_at, created_at,
            resolved_at""";

    /** Inserts a PENDING reservation expiring {@code ttl} after the transaction's start (database time). */
    public Uni<Reservation> insert(SqlClient tx, UUID id, String userId, long amount, String operation,
                                   String idempotencyKey, String requestId, Duration ttl) {
        return tx.preparedQuery("INSERT INTO reservations (id, user_id, amount, operation, idempotency_key, request_id,"
                        + " expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))"
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, userId, amount, operation, idempotencyKey, requestId,
                        (double) ttl.toMillis() / 1000)))
                .map(rows -> toReservation(rows.iterator().next()));
    }

    public Uni<Optional<Reservation>> find(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM reservations WHERE id = $1").execute(Tuple.of(id))
                .map(ReservationStore::first);
    }

    /** Locks the reservation until the transaction ends, and reads the database clock with it. */
    public Uni<Optional<Locked>> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + ", now() AS db_now FROM reservations WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Locked(
                        toReservation(rows.iterator().next()),
                        rows.iterator().next().getOffsetDateTime("db_now").toInstant())));
    }

    /** A locked reservation and the database time it was read at. */
    public record Locked(Reservation reservation, Instant now) {
    }

    /** Writes a resolution; false when the reservation had already left PENDING. */
    public Uni<Boolean> resolve(SqlClient tx, Reservation resolved) {
        return tx.preparedQuery("""
                        UPDATE reservations SET status = $2, captured = $3, resolved_at = $4
                        WHERE id = $1 AND status = 'PENDING'""")
                .execute(Tuple.of(resolved.id(), resolved.status().name(), resolved.captured(),
                        resolved.resolvedAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Claims up to {@code limit} PENDING reservations past their expiry, skipping rows another transaction (a
     * finalize, another replica's sweeper) holds; ordered by user so wallets are locked in one global order.
     */
    public Uni<List<Reservation>> claimExpired(SqlClient tx, int limit) {
        return tx.preparedQuery("SELECT " + COLUMNS + """
                         FROM reservations WHERE status = 'PENDING' AND expires_at <= now()
                        ORDER BY user_id, id LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Reservation> claimed = new ArrayList<>(rows.size());
                    rows.forEach(row -> claimed.add(toReservation(row)));
                    return claimed;
                });
    }

    public Uni<Instant> now(SqlClient tx) {
        return tx.query("SELECT now()").execute().map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    private static Optional<Reservation> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toReservation(rows.iterator().next()));
    }

    static Reservation toReservation(Row row) {
        OffsetDateTime resolvedAt = row.getOffsetDateTime("resolved_at");
        return new Reservation(row.getUUID("id"), row.getString("user_id"), row.getLong("amount"),
                row.getLong("captured"), ReservationStatus.valueOf(row.getString("status")), row.getString("operation"),
                row.getString("idempotency_key"), row.getString("request_id"),
                row.getOffsetDateTime("expires_at").toInstant(), row.getOffsetDateTime("created_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant());
    }
}
