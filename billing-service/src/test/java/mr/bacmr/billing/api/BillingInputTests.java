package mr.bacmr.billing.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static io.restassured.RestAssured.given;
import static mr.bacmr.billing.BillingFixtures.adminToken;
import static mr.bacmr.billing.BillingFixtures.asService;
import static mr.bacmr.billing.BillingFixtures.assertProblem;
import static mr.bacmr.billing.BillingFixtures.count;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static mr.bacmr.billing.BillingFixtures.studentToken;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input gets a precise problem and changes nothing. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class BillingInputTests {

    static final String RESERVATIONS = "/internal/v1/reservations";

    @Test
    void reserveRefusesInvalidFieldsAndHoldsNothing() {
        String user = fundedUser(1_000);
        String big = "x".repeat(201);
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("user_id", user, "amount", 0, "operation", "ask", "idempotency_key", "k"),
                Map.of("user_id", user, "amount", -5, "operation", "ask", "idempotency_key", "k"),
                Map.of("user_id", user, "amount", 1_000_000_001L, "operation", "ask", "idempotency_key", "k"),
                Map.of("amount", 5, "operation", "ask", "idempotency_key", "k"),
                Map.of("user_id", user, "operation", "ask", "idempotency_key", "k"),
                Map.of("user_id", user, "amount", 5, "idempotency_key", "k"),
                Map.of("user_id", user, "amount", 5, "operation", "ask"),
                Map.of("user_id", user, "amount", 5, "operation", "Ask Me", "idempotency_key", "k"),
                Map.of("user_id", user, "amount", 5, "operation", "ask", "idempotency_key", big),
                Map.of("user_id", "u".repeat(129), "amount", 5, "operation", "ask", "idempotency_key", "k"),
                Map.of("user_id", user, "amount", 5, "operation", "ask", "idempotency_key", "k", "ttl_s", 0),
                Map.of("user_id", user, "amount", 5, "operation", "ask", "idempotency_key", "k", "ttl_s", 86_401))) {
            assertProblem(asService().body(body).post(RESERVATIONS), 400, "validation-failed");
        }
        asService().body(Map.of("user_id", user, "amount", -5, "operation", "ask", "idempotency_key", "k"))
                .post(RESERVATIONS).then().body("errors.field", hasItem("amount"));
        asService().body(Map.of("user_id", user, "amount", 5, "operation", "ask", "idempotency_key", "k", "ttl_s", 0))
                .post(RESERVATIONS).then().body("errors.field", hasItem("ttl_s"));
        assertArrayEquals(new long[] {1_000, 0}, wallet(user));
        assertEquals(0, count("SELECT count(*) FROM reservations WHERE user_id = ?", user));
    }

    @Test
    void malformedBodiesAreMalformedRequests() {
        String user = fundedUser(100);
        assertProblem(asService().body("{\"user_id\":").post(RESERVATIONS), 400, "malformed-request");
        assertProblem(asService().body("[1,2]").post(RESERVATIONS), 400, "malformed-request");
        // Credits are integers: 1.5 is not silently one credit.
        assertProblem(asService().body("{\"user_id\":\"" + user + "\",\"amount\":1.5,\"operation\":\"ask\","
                + "\"idempotency_key\":\"k\"}").post(RESERVATIONS), 400, "malformed-request");
        assertProblem(asService().body("{\"user_id\":\"" + user + "\",\"amount\":99999999999999999999999,"
                + "\"operation\":\"ask\",\"idempotency_key\":\"k\"}").post(RESERVATIONS), 400, "malformed-request");
        assertProblem(asService().post(RESERVATIONS), 400, "validation-failed");
        assertEquals(0, count("SELECT count(*) FROM reservations WHERE user_id = ?", user));
    }

    @Test
    void finalizeRefusesBadAmountsAndKeys() {
        String user = fundedUser(100);
        String id = reserved(user, 50);
        String path = RESERVATIONS + "/" + id + "/finalize";
        assertProblem(asService().body(Map.of("actual", -1)).post(path), 400, "validation-failed");
        assertProblem(asService().body(Map.of()).post(path), 400, "validation-failed");
        assertProblem(asService().body("{\"actual\":2.5}").post(path), 400, "malformed-request");
        assertProblem(asService().header("Idempotency-Key", "has space").body(Map.of("actual", 1)).post(path),
                400, "malformed-request");
        assertProblem(asService().header("Idempotency-Key", "k".repeat(201)).body(Map.of("actual", 1)).post(path),
                400, "malformed-request");
        assertArrayEquals(new long[] {100, 50}, wallet(user), "still held, nothing captured");
    }

    @Test
    void unknownOrMalformedReservationIdsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(asService().body(Map.of("actual", 1)).post(RESERVATIONS + "/" + unknown + "/finalize"), 404, "not-found");
        assertProblem(asService().post(RESERVATIONS + "/" + unknown + "/release"), 404, "not-found");
        assertProblem(asService().get(RESERVATIONS + "/" + unknown), 404, "not-found");
        assertProblem(asService().get(RESERVATIONS + "/not-a-uuid"), 404, "not-found");
    }

    @Test
    void onlyServicesReserveAndOnlyAdminsTopUp() {
        String user = fundedUser(100);
        Map<String, Object> body = Map.of("user_id", user, "amount", 5, "operation", "ask", "idempotency_key", "k");
        for (String role : new String[] {"student", "teacher", "admin"}) {
            assertProblem(given().auth().oauth2(mr.bacmr.testing.TestJwt.token(user, role, "premium"))
                    .contentType("application/json").body(body).post(RESERVATIONS), 403, "forbidden");
        }
        assertProblem(given().contentType("application/json").body(body).post(RESERVATIONS), 401, "unauthorized");
        assertProblem(given().auth().oauth2(studentToken(user)).contentType("application/json")
                .body(Map.of("amount", 1_000, "payment_ref", "self-" + user))
                .post("/v1/admin/wallets/" + user + "/topups"), 403, "forbidden");
        assertProblem(asService().body(Map.of("amount", 1_000, "payment_ref", "svc-" + user))
                .post("/v1/admin/wallets/" + user + "/topups"), 403, "forbidden");
        assertProblem(given().auth().oauth2(studentToken(user)).post("/v1/admin/reconciliation"), 403, "forbidden");
        assertArrayEquals(new long[] {100, 0}, wallet(user));
    }

    @Test
    void topUpsRefuseInvalidAmountsAndReferences() {
        String user = "topup-" + UUID.randomUUID();
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("amount", 0, "payment_ref", "p"),
                Map.of("amount", -10, "payment_ref", "p"),
                Map.of("amount", 1_000_000_001L, "payment_ref", "p"),
                Map.of("amount", 10),
                Map.of("amount", 10, "payment_ref", " "),
                Map.of("amount", 10, "payment_ref", "p".repeat(201)))) {
            assertProblem(given().auth().oauth2(adminToken()).contentType("application/json").body(body)
                    .post("/v1/admin/wallets/" + user + "/topups"), 400, "validation-failed");
        }
        assertProblem(given().auth().oauth2(adminToken()).contentType("application/json")
                .body(Map.of("amount", 10, "payment_ref", "p")).post("/v1/admin/wallets/" + "u".repeat(129) + "/topups"),
                400, "validation-failed");
        assertEquals(0, count("SELECT count(*) FROM wallets WHERE user_id = ?", user));
    }

    @Test
    void ledgerPagingIsBounded() {
        String user = fundedUser(10);
        assertProblem(given().auth().oauth2(studentToken(user)).queryParam("size", 101).get("/v1/wallet/ledger"),
                400, "validation-failed");
        assertProblem(given().auth().oauth2(studentToken(user)).queryParam("page", -1).get("/v1/wallet/ledger"),
                400, "validation-failed");
        given().auth().oauth2(studentToken(user)).queryParam("page", "abc").queryParam("size", "10").get("/v1/wallet/ledger")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/validation-failed"))
                .body("errors.field", contains("page"))
                .body("errors[0].message", equalTo("must be a whole number, 0 or more"));
    }
}
