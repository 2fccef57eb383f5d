package mr.bacmr.billing.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static io.restassured.RestAssured.given;
import static mr.bacmr.billing.BillingFixtures.adminToken;
import static mr.bacmr.billing.BillingFixtures.assertProblem;
import static mr.bacmr.billing.BillingFixtures.execute;
import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S18 through the admin API: a run recomputes balances and holds, records drift rows, exports the gauge, and never
 * changes a wallet. Drift is injected into wallets only (and undone), so the ledger of the shared database stays true.
 */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class ReconciliationTests {

    @Test
    void aConsistentDatabaseHasNoDrift() {
        String user = fundedUser(300);
        finalizeReservation(reserved(user, 100), 40).then().statusCode(200);
        reserved(user, 50);
        Response run = runNow();
        run.then().statusCode(201)
                .header("Location", containsString("/v1/admin/reconciliation/" + run.path("id")))
                .body("trigger", equalTo("MANUAL"))
                .body("requested_by", equalTo("admin-1"))
                .body("drift_count", equalTo(0))
                .body("drifts.size()", equalTo(0))
                .body("wallets_checked", greaterThan(0))
                .body("reservations_checked", greaterThan(0))
                .body("ledger_entries_checked", greaterThan(0))
                .body("started_at", notNullValue()).body("finished_at", notNullValue());
        assertTrue(metrics().contains("bacmr_billing_reconciliation_drift 0.0"), "the gauge reports the last run");
    }

    @Test
    void driftIsRecordedAndExportedButNeverFixed() {
        String rich = fundedUser(1_000);
        String holding = fundedUser(500);
        reserved(holding, 200);
        execute("UPDATE wallets SET balance = balance + 7 WHERE user_id = ?", rich);
        execute("UPDATE wallets SET held = held - 50 WHERE user_id = ?", holding);
        try {
            Response first = runNow();
            first.then().statusCode(201).body("drift_count", equalTo(2))
                    .body("drifts.check", hasItem("balance_matches_ledger"))
                    .body("drifts.check", hasItem("held_matches_pending"));
            List<Map<String, Object>> drifts = first.path("drifts");
            Map<String, Object> balance = drifts.stream().filter(d -> d.get("check").equals("balance_matches_ledger"))
                    .findFirst().orElseThrow();
            assertEquals(rich, balance.get("user_id"));
            assertEquals(1_000, balance.get("expected"));
            assertEquals(1_007, balance.get("actual"));
            Map<String, Object> held = drifts.stream().filter(d -> d.get("check").equals("held_matches_pending"))
                    .findFirst().orElseThrow();
            assertEquals(holding, held.get("user_id"));
            assertEquals(200, held.get("expected"));
            assertEquals(150, held.get("actual"));
            assertTrue(metrics().contains("bacmr_billing_reconciliation_drift 2.0"), "exported as a gauge");

            assertArrayEquals(new long[] {1_007, 0}, wallet(rich), "nothing silently fixed");
            assertArrayEquals(new long[] {500, 150}, wallet(holding));
            runNow().then().statusCode(201).body("drift_count", equalTo(2));

            String id = first.path("id");
            given().auth().oauth2(adminToken()).get("/v1/admin/reconciliation/" + id).then().statusCode(200)
                    .body("id", equalTo(id)).body("drift_count", equalTo(2)).body("drifts.size()", equalTo(2));
            given().auth().oauth2(adminToken()).queryParam("size", 100).get("/v1/admin/reconciliation").then()
                    .statusCode(200).body("items.id", hasItem(id)).body("total", greaterThan(1));
        } finally {
            execute("UPDATE wallets SET balance = balance - 7 WHERE user_id = ?", rich);
            execute("UPDATE wallets SET held = held + 50 WHERE user_id = ?", holding);
        }
        runNow().then().statusCode(201).body("drift_count", equalTo(0));
        assertTrue(metrics().contains("bacmr_billing_reconciliation_drift 0.0"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertProblem(given().auth().oauth2(adminToken()).get("/v1/admin/reconciliation/" + java.util.UUID.randomUUID()),
                404, "not-found");
    }

    static Response runNow() {
        return given().auth().oauth2(adminToken()).post("/v1/admin/reconciliation");
    }

    static String metrics() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
