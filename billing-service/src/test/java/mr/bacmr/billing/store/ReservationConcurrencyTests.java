package mr.bacmr.billing.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import mr.bacmr.billing.BillingFixtures;
import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.domain.ReconciliationRun;
import mr.bacmr.billing.domain.ReconciliationService;
import mr.bacmr.billing.domain.ReservationExpirer;
import mr.bacmr.billing.domain.ReservationService;
import mr.bacmr.billing.domain.ReservationSweeper;
import mr.bacmr.billing.domain.TopUpService;
import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestPostgres;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.3 under concurrency: 600 random reserve / finalize / release / retried calls from 24 clients over 20 wallets
 * (60 % of them on 4 hot ones), racing resolutions of the same reservations, with the sweeper running throughout.
 * Afterwards an auditor recomputes the state from the replies alone and checks every invariant in SQL, and a
 * reconciliation run must find no drift. The same workload against a store that reads wallets without locking them
 * must be caught — otherwise this test could not catch a race either.
 */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class ReservationConcurrencyTests {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int USERS = 20;
    static final int HOT_USERS = 4;
    static final int CLIENTS = 24;
    static final int CALLS = 600;
    static final int SHORT_TTL_S = 1;

    @Inject
    ReservationSweeper sweeper;
    @Inject
    ObjectMapper mapper;
    @Inject
    BillingConfig config;
    @TestHTTPResource("/")
    URI base;

    @Test
    void concurrentCallsOverHttpKeepEveryInvariant() throws Exception {
        long seed = System.nanoTime();
        Log.infof("concurrency workload seed %d", seed);
        ConcurrentWorkload workload = new ConcurrentWorkload(new HttpBillingOperations(base, mapper), USERS, HOT_USERS,
                CLIENTS, CALLS);
        workload.run(() -> sweeper.sweep().await().atMost(WAIT), seed);

        List<ConcurrentWorkload.Call> calls = workload.calls();
        assertTrue(calls.size() >= 500, "calls: " + calls.size());
        // The run exercised what it is meant to: refusals, lost races, replays.
        assertTrue(count(calls, c -> c.reply().status() == 402) > 0, "some reserves ran out of credits");
        assertTrue(count(calls, c -> "reservation-already-resolved".equals(c.reply().problem())) > 0, "lost races");
        assertTrue(count(calls, c -> c.reply().replayed()) > 0, "replays");

        InvariantAuditor auditor = new InvariantAuditor(BillingFixtures.database(), workload.users());
        expiryWithinOneSweep(auditor, () -> sweeper.sweep().await().atMost(WAIT));
        assertTrue(BillingFixtures.count("SELECT count(*) FROM reservations WHERE user_id = ANY(?::text[]) "
                + "AND status = 'EXPIRED'", "{" + String.join(",", workload.users()) + "}") > 0, "some holds expired");

        List<String> violations = new ArrayList<>(auditor.violations());
        violations.addAll(workload.auditReplies(auditor.reservations(), auditor.wallets(), false));
        assertEquals(List.of(), violations);
        given().auth().oauth2(BillingFixtures.adminToken()).post("/v1/admin/reconciliation")
                .then().statusCode(201).body("drift_count", equalTo(0));
    }

    @Test
    void theSameWorkloadCatchesAStoreThatReadsWalletsWithoutLocking() throws Exception {
        String database = TestPostgres.createDatabase("billing_broken");
        Vertx vertx = Vertx.vertx();
        try {
            Flyway.configure().dataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), TestPostgres.password())
                    .locations("classpath:db/common", "classpath:db/migration")
                    .placeholders(Map.of("app_user", "bacmr_billing_app", "app_password", "pw:"))
                    .load().migrate();
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16))
                    .connectingTo(new PgConnectOptions().setHost(TestPostgres.host()).setPort(TestPostgres.port())
                            .setDatabase(database).setUser("bacmr_billing_app"))
                    .using(vertx).build();

            // Control: the direct path with the real store is clean, so what follows is the missing lock's doing.
            List<String> control = runDirect(database, pool, RowLocking.FOR_UPDATE, false);
            assertEquals(List.of(), control);

            List<String> caught = List.of();
            for (int round = 0; round < 3 && caught.isEmpty(); round++) {
                caught = runDirect(database, pool, RowLocking.NONE, true);
            }
            Log.infof("the unlocked store was caught: %s", caught);
            assertFalse(caught.isEmpty(), "a read-then-write without the row lock must break an invariant");
            assertTrue(caught.stream().anyMatch(v -> v.startsWith("balance == sum(ledger)")
                    || v.startsWith("held == sum(pending")), "lost updates show as drift: " + caught);

            ReconciliationRun run = new ReconciliationService(new BillingTransactions(pool), new ReconciliationStore(),
                    config, new SimpleMeterRegistry()).runNow("test").await().atMost(WAIT);
            assertTrue(run.driftCount() > 0, "the service's reconciliation sees it too");
            pool.close().await().atMost(WAIT);
        } finally {
            vertx.close().await().atMost(WAIT);
            TestPostgres.dropDatabase(database);
        }
    }

    /**
     * Runs the workload straight into services whose stores read rows with {@code locking}; returns every violation
     * found (server errors count as violations unless the store is broken on purpose: then only broken invariants
     * are wanted).
     */
    private List<String> runDirect(String database, Pool pool, RowLocking locking, boolean brokenOnPurpose)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BillingTransactions transactions = new BillingTransactions(pool);
        WalletStore wallets = new WalletStore(locking);
        ReservationStore reservations = new ReservationStore(locking);
        LedgerStore ledger = new LedgerStore();
        BillingEvents events = new BillingEvents(new OutboxWriter(mapper), mapper, "billing-service");
        ReservationExpirer expirer = new ReservationExpirer(wallets, reservations, events);
        ReservationService service = new ReservationService(transactions, reservations, expirer, events, mapper,
                config, registry);
        TopUpService topUps = new TopUpService(transactions, wallets, ledger, events, registry);
        ReservationSweeper directSweeper = new ReservationSweeper(transactions, reservations, expirer, config, registry);

        ConcurrentWorkload workload = new ConcurrentWorkload(new DirectBillingOperations(service, topUps, mapper),
                USERS, HOT_USERS, CLIENTS, CALLS);
        workload.run(() -> directSweeper.sweep().onFailure().recoverWithItem(0).await().atMost(WAIT), System.nanoTime());
        InvariantAuditor auditor = new InvariantAuditor(database, workload.users());
        List<String> violations = new ArrayList<>(auditor.violations());
        violations.addAll(workload.auditReplies(auditor.reservations(), auditor.wallets(), brokenOnPurpose));
        return violations;
    }

    /** Once every short hold is past its expiry in database time, a single sweep leaves none of them pending. */
    private static void expiryWithinOneSweep(InvariantAuditor auditor, Runnable sweep) throws Exception {
        await().atMost(WAIT).until(() -> auditor.shortHoldsPastExpiry(SHORT_TTL_S));
        OffsetDateTime before = auditor.databaseNow();
        sweep.run();
        assertEquals(0, auditor.pendingPastExpiry(before), "a hold past its expiry survived a sweep");
    }

    private static long count(List<ConcurrentWorkload.Call> calls, Predicate<ConcurrentWorkload.Call> which) {
        return calls.stream().filter(which).count();
    }
}
