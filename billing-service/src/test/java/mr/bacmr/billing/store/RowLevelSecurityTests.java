package mr.bacmr.billing.store;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.query;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S8, enforced by the database: raw SQL on the service's own pool (the non-owner app role) under one student's
 * context sees none of another student's rows, even without a WHERE clause, and cannot write.
 */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class RowLevelSecurityTests {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final List<String> USER_TABLES = List.of("wallets", "ledger_entries", "reservations", "usage_records",
            "usage_daily", "idempotent_responses", "reconciliation_runs", "reconciliation_drifts");

    @Inject
    Pool pool;

    String alice;
    String bob;

    @BeforeEach
    void twoStudentsWithHistory() {
        alice = fundedUser(500);
        bob = fundedUser(700);
        finalizeReservation(reserved(alice, 100), 60).then().statusCode(200);
        finalizeReservation(reserved(bob, 100), 70).then().statusCode(200);
        reserved(bob, 30);
    }

    @Test
    void aStudentSeesOnlyTheirOwnRowsWithoutAnyWhereClause() {
        for (String table : List.of("wallets", "ledger_entries", "reservations")) {
            Set<String> owners = asCaller(alice, "student", conn -> conn.query("SELECT user_id FROM " + table).execute())
                    .map(RowLevelSecurityTests::userIds).await().atMost(WAIT);
            assertEquals(Set.of(alice), owners, table + " as alice");
        }
        long bobsRows = asCaller(alice, "student", conn -> conn.query(
                "SELECT (SELECT count(*) FROM wallets) + (SELECT count(*) FROM ledger_entries) "
                        + "+ (SELECT count(*) FROM reservations) FROM (SELECT 1) one").execute())
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(1 + 2 + 1, bobsRows, "alice's wallet, two ledger entries and one reservation: nothing of bob's");
        assertEquals(0, asCaller(alice, "student", conn -> conn.preparedQuery(
                "SELECT * FROM reservations WHERE user_id = $1").execute(Tuple.of(bob))).await().atMost(WAIT).size());
        assertEquals(0, asCaller(alice, "teacher", conn -> conn.query(
                "SELECT * FROM idempotent_responses").execute()).await().atMost(WAIT).size());
    }

    @Test
    void withoutACallerNothingIsVisible() {
        for (String table : USER_TABLES) {
            assertEquals(0, pool.query("SELECT * FROM " + table).execute().await().atMost(WAIT).size(), table);
        }
    }

    @Test
    void studentsCannotWriteTheirOwnWallet() {
        RowSet<Row> updated = asCaller(alice, "student", conn -> conn.preparedQuery(
                "UPDATE wallets SET balance = balance + 1000000 WHERE user_id = $1").execute(Tuple.of(alice)))
                .await().atMost(WAIT);
        assertEquals(0, updated.rowCount(), "no policy lets a student update");
        PgException refused = assertThrows(PgException.class, () -> asCaller(alice, "student", conn -> conn.preparedQuery(
                "INSERT INTO ledger_entries (user_id, kind, amount, balance_after, reference) "
                        + "VALUES ($1, 'TOPUP', 1000000, 1000440, 'free-money')").execute(Tuple.of(alice)))
                .await().atMost(WAIT));
        assertEquals("42501", refused.getSqlState(), "insufficient_privilege: " + refused.getMessage());
        assertEquals(440L, query("SELECT balance FROM wallets WHERE user_id = ?", alice).get(0).get("balance"));
    }

    @Test
    void theServiceAndAdminsHaveExplicitPolicies() {
        for (String role : List.of("service", "admin")) {
            Set<String> owners = asCaller("someone", role, conn -> conn.preparedQuery(
                            "SELECT user_id FROM wallets WHERE user_id = ANY($1)")
                    .execute(Tuple.of((Object) new String[] {alice, bob}))).map(RowLevelSecurityTests::userIds)
                    .await().atMost(WAIT);
            assertEquals(Set.of(alice, bob), owners, role);
        }
        PgException rewrite = assertThrows(PgException.class, () -> asCaller("svc", "service", conn -> conn.query(
                "UPDATE ledger_entries SET amount = amount WHERE false").execute()).await().atMost(WAIT));
        assertEquals("42501", rewrite.getSqlState(), "the ledger is append-only even for the service");
    }

    @Test
    void theServiceConnectsAsANonOwnerRoleAndEveryUserTableForcesRowSecurity() {
        Row me = pool.query("SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user")
                .execute().await().atMost(WAIT).iterator().next();
        String appRole = me.getString(0);
        assertFalse(me.getBoolean(1), "not a superuser");
        assertFalse(me.getBoolean(2), "cannot bypass row-level security");
        for (String table : USER_TABLES) {
            Map<String, Object> row = query("SELECT pg_get_userbyid(relowner) AS owner, relrowsecurity, relforcerowsecurity "
                    + "FROM pg_class WHERE relname = ? AND relnamespace = 'public'::regnamespace", table).get(0);
            assertNotEquals(appRole, row.get("owner"), table + " is owned by the migration role");
            assertTrue((Boolean) row.get("relrowsecurity"), table);
            assertTrue((Boolean) row.get("relforcerowsecurity"), table);
        }
    }

    @Test
    void theCallerDoesNotOutliveItsTransaction() {
        asCaller(alice, "student", conn -> conn.query("SELECT 1").execute()).await().atMost(WAIT);
        // The pool hands out the same few connections: none may still be alice's.
        for (int i = 0; i < 20; i++) {
            assertEquals(0, pool.query("SELECT * FROM wallets").execute().await().atMost(WAIT).size());
        }
    }

    private Uni<RowSet<Row>> asCaller(String user, String role, Function<SqlConnection, Uni<RowSet<Row>>> work) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true)")
                .execute(Tuple.of(user, role))
                .chain(() -> work.apply(conn)));
    }

    private static Set<String> userIds(RowSet<Row> rows) {
        Set<String> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getString("user_id")));
        return ids;
    }
}
