package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.billing.domain.IdempotencyRecord;
import mr.bacmr.billing.domain.Reservation;
import mr.bacmr.billing.domain.ReservationStatus;
import mr.bacmr.billing.domain.StoredResponse;
import mr.bacmr.billing.domain.Wallet;

/**
 * Reservations. A resolution is a conditional update ({@code WHERE status = 'PENDING'}) of a row the caller has
 * locked; the database trigger refuses any second one. Times come from the database clock.
 */
@ApplicationScoped
public class ReservationStore {

    private static final String COLUMNS = """
            id, user_id, amount, captured, status, operation, idempotency_key, request_id, expires_at, created_at,
            resolved_at""";

    private static final String HOLD = """
            WITH reservation AS (
                INSERT INTO reservations (id, user_id, amount, operation, idempotency_key, request_id, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id),
            wallet AS (
                UPDATE wallets SET held = $8, version = version + 1, updated_at = now()
                WHERE user_id = $2 RETURNING user_id),
            response AS (
                INSERT INTO idempotent_responses (user_id, scope, idempotency_key, request_hash, reservation_id, status, body)
                SELECT $2, 'reserve', $5, $9, id, $10, $11 FROM reservation
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM wallet) AS wallets, (SELECT count(*) FROM response) AS responses""";

    private static final String RESOLVE = """
            WITH reservation AS (
                UPDATE reservations SET status = $2, captured = $3, resolved_at = $4
                WHERE id = $1 AND status = 'PENDING' RETURNING user_id),
            wallet AS (
                UPDATE wallets SET balance = $6, held = $7, version = version + 1, updated_at = now()
                WHERE user_id = $5 AND EXISTS (SELECT 1 FROM reservation) RETURNING user_id),
            entry AS (
                INSERT INTO ledger_entries (user_id, kind, amount, balance_after, reference)
                SELECT $5, 'CAPTURE', $8::bigint, $6, $1::text FROM wallet WHERE $8::bigint <> 0 RETURNING id),
            response AS (
                INSERT INTO idempotent_responses (user_id, scope, idempotency_key, request_hash, reservation_id, status, body)
                SELECT $5, $9, $10::text, $11, $1, 200, $12 FROM wallet WHERE $10::text IS NOT NULL
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM wallet) AS resolved, (SELECT id FROM entry) AS entry_id,
                   (SELECT count(*) FROM response) AS saved""";

    private final String lockWalletForReserve;
    private final String lockForResolution;

    public ReservationStore() {
        this(RowLocking.FOR_UPDATE);
    }

    ReservationStore(RowLocking locking) {
        this.lockWalletForReserve = """
                SELECT w.user_id, w.balance, w.held, now() AS db_now,
                       i.request_hash, i.status AS stored_status, i.body AS stored_body, i.reservation_id AS stored_id
                FROM wallets w
                LEFT JOIN idempotent_responses i
                       ON i.user_id = w.user_id AND i.scope = 'reserve' AND i.idempotency_key = $2
                WHERE w.user_id = $1""" + locking.forUpdateOf("w");
        this.lockForResolution = "SELECT " + COLUMNS.replaceAll("(\\w+)", "r.$1") + """
                       , w.balance AS wallet_balance, w.held AS wallet_held, now() AS db_now,
                       i.request_hash, i.status AS stored_status, i.body AS stored_body, i.reservation_id AS stored_id
                FROM reservations r
                JOIN wallets w ON w.user_id = r.user_id
                LEFT JOIN idempotent_responses i
                       ON i.user_id = r.user_id AND i.scope = $2 AND i.idempotency_key = $3
                WHERE r.id = $1""" + locking.forUpdateOf("w", "r");
    }

    /** A user's locked wallet, the database time, and the response stored under the reserve key, if any. */
    public record ReserveContext(Wallet wallet, Instant now, Optional<IdempotencyRecord> stored) {
    }

    /** Locks the user's wallet (empty without one) and looks up the reserve key, in one statement. */
    public Uni<Optional<ReserveContext>> lockWalletForReserve(SqlClient tx, String userId, String key) {
        return tx.preparedQuery(lockWalletForReserve).execute(Tuple.of(userId, key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
                        new ReserveContext(WalletStore.toWallet(row), row.getOffsetDateTime("db_now").toInstant(),
                                stored(row))));
    }

    /**
     * Writes a new hold in one statement: the PENDING reservation, the wallet's new {@code held}, and the response to
     * replay for its key. False when the key was taken meanwhile (the caller rolls back).
     */
    public Uni<Boolean> hold(SqlClient tx, Reservation pending, Wallet after, String requestHash, StoredResponse response) {
        return tx.preparedQuery(HOLD)
                .execute(Tuple.from(Arrays.asList(pending.id(), pending.userId(), pending.amount(), pending.operation(),
                        pending.idempotencyKey(), pending.requestId(), pending.expiresAt().atOffset(ZoneOffset.UTC),
                        after.held(), requestHash, response.status(), response.body())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("wallets") != 1) {
                        throw new IllegalStateException("wallet " + pending.userId() + " vanished while locked");
                    }
                    return row.getLong("responses") == 1;
                });
    }

    /** A reservation and its wallet, both locked (in that order), the database time, and any stored response. */
    public record ResolveContext(Reservation reservation, Wallet wallet, Instant now,
                                 Optional<IdempotencyRecord> stored) {
    }

    /** Locks a reservation, then its wallet, and looks up {@code key} in {@code scope} (null: none), in one statement. */
    public Uni<Optional<ResolveContext>> lockForResolution(SqlClient tx, UUID id, String scope, String key) {
        return tx.preparedQuery(lockForResolution).execute(Tuple.of(id, scope, key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row -> {
                    Reservation reservation = toReservation(row);
                    return new ResolveContext(reservation, new Wallet(reservation.userId(), row.getLong("wallet_balance"),
                            row.getLong("wallet_held")), row.getOffsetDateTime("db_now").toInstant(), stored(row));
                }));
    }

    /** What writing a resolution did: the ledger entry it appended (null for none), and whether its response was saved. */
    public record Written(Long ledgerEntryId, boolean responseSaved) {
    }

    /**
     * Writes a resolution in one statement: the reservation leaves PENDING (conditionally), the wallet takes its new
     * balance and hold, a capture appends its ledger entry, and the response is stored under {@code key} (if any).
     */
    public Uni<Written> writeResolution(SqlClient tx, Reservation resolved, Wallet after, String scope, String key,
                                String requestHash, StoredResponse response) {
        return tx.preparedQuery(RESOLVE)
                .execute(Tuple.from(Arrays.asList(resolved.id(), resolved.status().name(), resolved.captured(),
                        resolved.resolvedAt().atOffset(ZoneOffset.UTC), resolved.userId(), after.balance(), after.held(),
                        -resolved.captured(), scope, key, requestHash, response.body())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("resolved") != 1) {
                        // The row is locked by this transaction: this is a bug, never a race. Roll everything back.
                        throw new IllegalStateException("reservation " + resolved.id() + " left PENDING under our lock");
                    }
                    return new Written(row.getLong("entry_id"), key == null || row.getLong("saved") == 1);
                });
    }

    private static Optional<IdempotencyRecord> stored(Row row) {
        String hash = row.getString("request_hash");
        return hash == null ? Optional.empty() : Optional.of(new IdempotencyRecord(hash, new StoredResponse(
                row.getInteger("stored_status"), row.getString("stored_body"), row.getUUID("stored_id"), false)));
    }

    public Uni<Optional<Reservation>> find(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM reservations WHERE id = $1").execute(Tuple.of(id))
                .map(ReservationStore::first);
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
