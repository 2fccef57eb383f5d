package mr.bacmr.billing.store;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mr.bacmr.billing.domain.Drift;
import mr.bacmr.testing.TestPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each reconciliation check finds exactly the rows that break its invariant. Runs on a scratch database migrated
 * like the service's, where the test (as owner, and with two guards dropped) writes the inconsistencies that the
 * service's constraints and append-only ledger would never let it write in the shared one.
 */
class ReconciliationChecksTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static String database;
    static Vertx vertx;
    static Pool pool;

    @BeforeAll
    static void scratchDatabase() {
        database = TestPostgres.createDatabase("billing_checks");
        Flyway.configure()
                .dataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), TestPostgres.password())
                .locations("classpath:db/common", "classpath:db/migration")
                .placeholders(Map.of("app_user", "bacmr_billing_app", "app_password", "pw:"))
                .load().migrate();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions().setHost(TestPostgres.host()).setPort(TestPostgres.port())
                        .setDatabase(database).setUser(TestPostgres.user()).setPassword(TestPostgres.password()))
                .using(vertx).build();
    }

    @AfterAll
    static void drop() {
        pool.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
        TestPostgres.dropDatabase(database);
    }

    @Test
    void everyCheckFindsItsDriftAndNothingElse() throws Exception {
        UUID finalized = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        sql("""
                ALTER TABLE wallets DROP CONSTRAINT wallets_available_not_negative;
                ALTER TABLE ledger_entries DROP CONSTRAINT ledger_balance_after_not_negative;
                -- ok: a consistent wallet
                INSERT INTO wallets (user_id, balance, held) VALUES ('ok', 70, 20);
                INSERT INTO ledger_entries (user_id, kind, amount, balance_after, reference) VALUES
                    ('ok', 'TOPUP', 100, 100, 'p-ok'), ('ok', 'CAPTURE', -30, 70, '%1$s');
                INSERT INTO reservations (id, user_id, idempotency_key, amount, captured, status, operation, expires_at,
                                          created_at, resolved_at) VALUES
                    ('%1$s', 'ok', 'k1', 50, 30, 'FINALIZED', 'ask', now() + interval '1 minute', now(), now()),
                    ('%3$s', 'ok', 'k3', 20, 0, 'PENDING', 'ask', now() + interval '1 minute', now(), NULL);
                -- bad: balance off its ledger, held off its pending, available negative, a released reservation with
                -- a capture, an orphan capture, a wrong balance_after
                INSERT INTO wallets (user_id, balance, held) VALUES ('bad', 5, 9);
                INSERT INTO ledger_entries (user_id, kind, amount, balance_after, reference) VALUES
                    ('bad', 'TOPUP', 10, 10, 'p-bad'), ('bad', 'CAPTURE', -4, 7, '%2$s'),
                    ('bad', 'CAPTURE', -2, 4, 'nobody');
                INSERT INTO reservations (id, user_id, idempotency_key, amount, captured, status, operation, expires_at,
                                          created_at, resolved_at) VALUES
                    ('%2$s', 'bad', 'k2', 10, 0, 'RELEASED', 'ask', now() + interval '1 minute', now(), now());
                """.formatted(finalized, released, pending));

        List<Drift> drifts = pool.withTransaction(conn -> new ReconciliationStore().findDrifts(conn))
                .await().atMost(WAIT);

        assertTrue(drifts.stream().noneMatch(d -> "ok".equals(d.userId())), "the consistent wallet: " + drifts);
        assertDrift(drifts, Drift.BALANCE_MATCHES_LEDGER, null, 4L, 5L);
        assertDrift(drifts, Drift.HELD_MATCHES_PENDING, null, 0L, 9L);
        assertDrift(drifts, Drift.AVAILABLE_NOT_NEGATIVE, null, 0L, -4L);
        assertDrift(drifts, Drift.CAPTURE_MATCHES_LEDGER, released, 0L, 4L);
        assertEquals(2, drifts.stream().filter(d -> d.check().equals(Drift.CAPTURE_HAS_RESERVATION)).count(),
                "the released one's capture and the orphan: " + drifts);
        assertEquals(1, drifts.stream().filter(d -> d.check().equals(Drift.LEDGER_RUNNING_BALANCE)).count(),
                "7 after 10 - 4: " + drifts);
        assertEquals(7, drifts.size(), drifts.toString());
    }

    private static void assertDrift(List<Drift> drifts, String check, UUID reservation, Long expected, Long actual) {
        assertTrue(drifts.stream().anyMatch(d -> d.check().equals(check) && "bad".equals(d.userId())
                && (reservation == null || reservation.equals(d.reservationId()))
                && expected.equals(d.expected()) && actual.equals(d.actual())), check + " in " + drifts);
    }

    private static void sql(String script) throws Exception {
        try (Connection connection = TestPostgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }
}
