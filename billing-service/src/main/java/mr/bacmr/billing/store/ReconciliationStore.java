package mr.bacmr.billing.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.billing.domain.Drift;
import mr.bacmr.billing.domain.ReconciliationRun;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;

/**
 * The reconciliation checks, each a query for the rows that break one invariant, recomputed from the ledger and the
 * reservations (never from the wallets' own columns alone); and the runs with their drift rows.
 */
@ApplicationScoped
public class ReconciliationStore {

    /** Drift rows recorded per check and run; a run with more reports the count but stores the first ones. */
    static final int MAX_DRIFTS_PER_CHECK = 1_000;

    private static final List<Check> CHECKS = List.of(
            new Check(Drift.BALANCE_MATCHES_LEDGER, """
                    SELECT w.user_id, NULL::uuid AS reservation_id, NULL::bigint AS ledger_entry_id,
                           coalesce(l.total, 0) AS expected, w.balance AS actual,
                           'wallet balance differs from the sum of its ledger' AS detail
                    FROM wallets w
                    LEFT JOIN (SELECT user_id, sum(amount) AS total FROM ledger_entries GROUP BY user_id) l
                           ON l.user_id = w.user_id
                    WHERE w.balance <> coalesce(l.total, 0)"""),
            new Check(Drift.HELD_MATCHES_PENDING, """
                    SELECT w.user_id, NULL::uuid, NULL::bigint, coalesce(p.total, 0), w.held,
                           'wallet held differs from the amounts of its pending reservations'
                    FROM wallets w
                    LEFT JOIN (SELECT user_id, sum(amount) AS total FROM reservations WHERE status = 'PENDING'
                               GROUP BY user_id) p ON p.user_id = w.user_id
                    WHERE w.held <> coalesce(p.total, 0)"""),
            new Check(Drift.AVAILABLE_NOT_NEGATIVE, """
                    SELECT user_id, NULL::uuid, NULL::bigint, 0::bigint, balance - held,
                           'available credits (balance - held) are negative, or held is'
                    FROM wallets WHERE balance < held OR held < 0"""),
            new Check(Drift.CAPTURE_MATCHES_LEDGER, """
                    SELECT r.user_id, r.id, NULL::bigint, r.captured, coalesce(-c.total, 0),
                           r.status || ' reservation captured ' || r.captured || ' but its ledger captures '
                               || coalesce(-c.total, 0) || ' in ' || coalesce(c.entries, 0) || ' entries'
                    FROM reservations r
                    LEFT JOIN (SELECT user_id, reference, sum(amount) AS total, count(*) AS entries
                               FROM ledger_entries WHERE kind = 'CAPTURE' GROUP BY user_id, reference) c
                           ON c.user_id = r.user_id AND c.reference = r.id::text
                    WHERE r.captured <> coalesce(-c.total, 0) OR coalesce(c.entries, 0) > 1"""),
            new Check(Drift.CAPTURE_HAS_RESERVATION, """
                    SELECT l.user_id, NULL::uuid, l.id, NULL::bigint, -l.amount,
                           'capture entry ' || l.reference || ' matches no finalized reservation of the user'
                    FROM ledger_entries l
                    WHERE l.kind = 'CAPTURE' AND NOT EXISTS (
                        SELECT 1 FROM reservations r
                        WHERE r.id::text = l.reference AND r.user_id = l.user_id AND r.status = 'FINALIZED')"""),
            new Check(Drift.LEDGER_RUNNING_BALANCE, """
                    SELECT user_id, NULL::uuid, id, running, balance_after,
                           'balance_after differs from the running sum of the ledger'
                    FROM (SELECT user_id, id, balance_after,
                                 sum(amount) OVER (PARTITION BY user_id ORDER BY id) AS running
                          FROM ledger_entries) l
                    WHERE balance_after <> running"""));

    private record Check(String name, String sql) {
    }

    /** Runs every check; call inside one snapshot so they all see the same state. */
    public Uni<List<Drift>> findDrifts(SqlClient tx) {
        return Multi.createFrom().iterable(CHECKS)
                .onItem().transformToUniAndConcatenate(check -> tx.query(check.sql() + " LIMIT " + MAX_DRIFTS_PER_CHECK)
                        .execute()
                        .map(rows -> {
                            List<Drift> drifts = new ArrayList<>(rows.size());
                            rows.forEach(row -> drifts.add(toDrift(check.name(), row)));
                            return drifts;
                        }))
                .collect().in(ArrayList::new, List::addAll);
    }

    /** How much the run looked at: wallets, reservations, ledger entries. */
    public Uni<long[]> counts(SqlClient tx) {
        return tx.query("""
                        SELECT (SELECT count(*) FROM wallets), (SELECT count(*) FROM reservations),
                               (SELECT count(*) FROM ledger_entries)""")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1), row.getLong(2)};
                });
    }

    /** Only one scheduled run at a time across replicas; false when another holds the lock for this transaction. */
    public Uni<Boolean> tryLockScheduledRun(SqlClient tx) {
        return tx.query("SELECT pg_try_advisory_xact_lock(hashtext('bacmr.billing.reconciliation'))").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<ReconciliationRun> save(SqlClient tx, ReconciliationRun run) {
        return tx.preparedQuery("""
                        INSERT INTO reconciliation_runs (id, trigger, requested_by, started_at, finished_at,
                            wallets_checked, reservations_checked, ledger_entries_checked, drift_count)
                        VALUES ($1, $2, $3, now(), clock_timestamp(), $4, $5, $6, $7)
                        RETURNING started_at, finished_at""")
                .execute(Tuple.from(Arrays.asList(run.id(), run.trigger(), run.requestedBy(), run.walletsChecked(),
                        run.reservationsChecked(), run.ledgerEntriesChecked(), run.driftCount())))
                .map(rows -> rows.iterator().next())
                .call(row -> run.drifts().isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                INSERT INTO reconciliation_drifts (run_id, check_name, user_id, reservation_id,
                                    ledger_entry_id, expected, actual, detail)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                        .executeBatch(run.drifts().stream().map(d -> Tuple.from(Arrays.asList(run.id(), d.check(),
                                d.userId(), d.reservationId(), d.ledgerEntryId(), d.expected(), d.actual(),
                                d.detail()))).toList())
                        .replaceWithVoid())
                .map(row -> new ReconciliationRun(run.id(), run.trigger(), run.requestedBy(),
                        row.getOffsetDateTime("started_at").toInstant(), row.getOffsetDateTime("finished_at").toInstant(),
                        run.walletsChecked(), run.reservationsChecked(), run.ledgerEntriesChecked(), run.driftCount(),
                        run.drifts()));
    }

    public Uni<Optional<ReconciliationRun>> find(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT * FROM reconciliation_runs WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<ReconciliationRun>empty())
                        : tx.preparedQuery("""
                                        SELECT user_id, reservation_id, ledger_entry_id, expected, actual, detail,
                                               check_name
                                        FROM reconciliation_drifts WHERE run_id = $1 ORDER BY id""")
                                .execute(Tuple.of(id))
                                .map(driftRows -> {
                                    List<Drift> drifts = new ArrayList<>(driftRows.size());
                                    driftRows.forEach(row -> drifts.add(toDrift(row.getString("check_name"), row)));
                                    return Optional.of(toRun(rows.iterator().next(), drifts));
                                }));
    }

    public Uni<Page<ReconciliationRun>> list(SqlClient tx, PageRequest page) {
        return tx.preparedQuery("SELECT * FROM reconciliation_runs ORDER BY started_at DESC, id LIMIT $1 OFFSET $2")
                .execute(Tuple.of(page.size(), page.offset()))
                .map(rows -> {
                    List<ReconciliationRun> runs = new ArrayList<>(rows.size());
                    rows.forEach(row -> runs.add(toRun(row, null)));
                    return runs;
                })
                .chain(runs -> tx.query("SELECT count(*) FROM reconciliation_runs").execute()
                        .map(rows -> new Page<>(runs, page.page(), page.size(), rows.iterator().next().getLong(0))));
    }

    private static ReconciliationRun toRun(Row row, List<Drift> drifts) {
        return new ReconciliationRun(row.getUUID("id"), row.getString("trigger"), row.getString("requested_by"),
                row.getOffsetDateTime("started_at").toInstant(), row.getOffsetDateTime("finished_at").toInstant(),
                row.getLong("wallets_checked"), row.getLong("reservations_checked"),
                row.getLong("ledger_entries_checked"), row.getInteger("drift_count"), drifts);
    }

    /** Columns by position: user_id, reservation_id, ledger_entry_id, expected, actual, detail. */
    private static Drift toDrift(String check, Row row) {
        return new Drift(check, row.getString(0), row.getUUID(1), row.getLong(2), row.getLong(3), row.getLong(4),
                row.getString(5));
    }
}
