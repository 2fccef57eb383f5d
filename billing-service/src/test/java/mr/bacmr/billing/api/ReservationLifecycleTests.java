package mr.bacmr.billing.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static io.restassured.RestAssured.given;
import static mr.bacmr.billing.BillingFixtures.asService;
import static mr.bacmr.billing.BillingFixtures.assertProblem;
import static mr.bacmr.billing.BillingFixtures.count;
import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.ledgerEntries;
import static mr.bacmr.billing.BillingFixtures.query;
import static mr.bacmr.billing.BillingFixtures.release;
import static mr.bacmr.billing.BillingFixtures.reserve;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static mr.bacmr.billing.BillingFixtures.studentToken;
import static mr.bacmr.billing.BillingFixtures.user;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** T16–T18, T20–T22: the reservation lifecycle through the internal API, against the real database. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class ReservationLifecycleTests {

    @Test
    void t16ReserveLowersAvailableNotBalance() {
        String user = fundedUser(1_000);
        String key = "ask-" + UUID.randomUUID();
        Response created = reserve(user, 300, key, 120);
        created.then().statusCode(201)
                .contentType("application/json")
                .header("Location", endsWith("/internal/v1/reservations/" + created.path("id")))
                .body("user_id", equalTo(user))
                .body("amount", equalTo(300))
                .body("captured", equalTo(0))
                .body("status", equalTo("PENDING"))
                .body("operation", equalTo("ask"))
                .body("idempotency_key", equalTo(key))
                .body("request_id", notNullValue())
                .body("expires_at", notNullValue())
                .body("created_at", notNullValue())
                .body("resolved_at", nullValue());
        assertArrayEquals(new long[] {1_000, 300}, wallet(user), "balance unchanged, 300 held");
        given().auth().oauth2(studentToken(user)).get("/v1/wallet").then().statusCode(200)
                .body("balance", equalTo(1_000)).body("held", equalTo(300)).body("available", equalTo(700));
        assertEquals(1, ledgerEntries(user), "only the top-up: a hold is not a ledger entry");
        long ttl = (Long) query(
                "SELECT extract(epoch FROM expires_at - created_at)::bigint AS ttl FROM reservations WHERE id = ?::uuid",
                created.path("id").toString()).get(0).get("ttl");
        assertEquals(120, ttl, "expires ttl_s after creation, in database time");
    }

    @Test
    void t17FinalizeBelowTheAmountReturnsTheDifference() {
        String user = fundedUser(1_000);
        String id = reserved(user, 300);
        finalizeReservation(id, 120).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("FINALIZED"))
                .body("captured", equalTo(120)).body("amount", equalTo(300)).body("resolved_at", notNullValue());
        assertArrayEquals(new long[] {880, 0}, wallet(user), "120 captured, 180 back to available");
        assertEquals(-120L, query(
                "SELECT amount FROM ledger_entries WHERE user_id = ? AND kind = 'CAPTURE' AND reference = ?", user, id)
                .get(0).get("amount"));
    }

    @Test
    void t17FinalizeOfTheWholeAmount() {
        String user = fundedUser(500);
        String id = reserved(user, 500);
        assertArrayEquals(new long[] {500, 500}, wallet(user));
        finalizeReservation(id, 500).then().statusCode(200).body("captured", equalTo(500));
        assertArrayEquals(new long[] {0, 0}, wallet(user));
    }

    @Test
    void finalizeOfNothingWritesNoLedgerEntry() {
        String user = fundedUser(100);
        String id = reserved(user, 40);
        finalizeReservation(id, 0).then().statusCode(200).body("status", equalTo("FINALIZED")).body("captured", equalTo(0));
        assertArrayEquals(new long[] {100, 0}, wallet(user));
        assertEquals(1, ledgerEntries(user));
    }

    @Test
    void t18ReleaseReturnsEverything() {
        String user = fundedUser(1_000);
        String id = reserved(user, 650);
        release(id).then().statusCode(200).body("status", equalTo("RELEASED")).body("captured", equalTo(0));
        assertArrayEquals(new long[] {1_000, 0}, wallet(user));
        assertEquals(1, ledgerEntries(user));
    }

    @Test
    void t20ASecondResolutionIsRefusedWithoutLedgerChange() {
        String user = fundedUser(1_000);
        String finalized = reserved(user, 200);
        finalizeReservation(finalized, 150).then().statusCode(200);
        long entries = ledgerEntries(user);
        long[] after = wallet(user);

        assertProblem(finalizeReservation(finalized, 150), 409, "reservation-already-resolved");
        assertProblem(finalizeReservation(finalized, 10), 409, "reservation-already-resolved");
        assertProblem(release(finalized), 409, "reservation-already-resolved");

        String released = reserved(user, 100);
        release(released).then().statusCode(200);
        long[] afterRelease = wallet(user);
        assertProblem(finalizeReservation(released, 100), 409, "reservation-already-resolved");
        assertProblem(release(released), 409, "reservation-already-resolved");

        assertEquals(entries, ledgerEntries(user), "no ledger change");
        assertArrayEquals(after, afterRelease);
        assertArrayEquals(afterRelease, wallet(user));
    }

    @Test
    void t20FinalizeAboveTheAmountIsRefusedAndTheHoldStays() {
        String user = fundedUser(1_000);
        String id = reserved(user, 100);
        assertProblem(finalizeReservation(id, 101), 422, "actual-exceeds-reserved");
        assertArrayEquals(new long[] {1_000, 100}, wallet(user));
        finalizeReservation(id, 100).then().statusCode(200);
    }

    @Test
    void t21InsufficientCreditsHoldNothing() {
        String user = fundedUser(100);
        String held = reserved(user, 60);
        String key = "too-much-" + UUID.randomUUID();
        Response refused = reserve(user, 41, key);
        assertProblem(refused, 402, "insufficient-credits");
        refused.then().body("detail", org.hamcrest.Matchers.containsString("40 credits available"));
        assertArrayEquals(new long[] {100, 60}, wallet(user), "nothing more held");
        assertEquals(0, count("SELECT count(*) FROM reservations WHERE user_id = ? AND idempotency_key = ?", user, key));
        // A refusal is not stored: once credits are freed, the same key can succeed.
        release(held).then().statusCode(200);
        reserve(user, 41, key).then().statusCode(201);
        assertProblem(reserve(user(), 1, "nobody-" + UUID.randomUUID()), 402, "insufficient-credits");
    }

    @Test
    void t22TheSameKeyReplaysTheOriginalResponse() {
        String user = fundedUser(1_000);
        String key = "replay-" + UUID.randomUUID();
        Response first = reserve(user, 250, key, 600);
        first.then().statusCode(201);
        String id = first.path("id");
        finalizeReservation(id, 100).then().statusCode(200);

        Response again = reserve(user, 250, key, 600);
        again.then().statusCode(201)
                .header("Location", endsWith("/internal/v1/reservations/" + id))
                .header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString(), "the stored original, byte for byte, though it is finalized now");
        assertArrayEquals(new long[] {900, 0}, wallet(user), "nothing held twice");
        assertEquals(1, count("SELECT count(*) FROM reservations WHERE user_id = ?", user));
    }

    @Test
    void t22TheSameKeyWithOtherParametersIsAConflict() {
        String user = fundedUser(1_000);
        String key = "conflict-" + UUID.randomUUID();
        reserve(user, 250, key).then().statusCode(201);
        assertProblem(reserve(user, 251, key), 409, "idempotency-key-reused");
        assertProblem(reserve(user, 250, key, 30), 409, "idempotency-key-reused");
        assertProblem(asService().body(Map.of("user_id", user, "amount", 250, "operation", "quiz.generate",
                "idempotency_key", key)).post("/internal/v1/reservations"), 409, "idempotency-key-reused");
        assertArrayEquals(new long[] {1_000, 250}, wallet(user));
        // Keys are per user: another user may use the same one.
        reserve(fundedUser(300), 250, key).then().statusCode(201);
    }

    @Test
    void finalizeAndReleaseAreIdempotentWithAKey() {
        String user = fundedUser(1_000);
        String id = reserved(user, 300);
        Response first = asService().header("Idempotency-Key", "finalize:" + id).body(Map.of("actual", 200))
                .post("/internal/v1/reservations/" + id + "/finalize");
        first.then().statusCode(200).header("Idempotent-Replayed", nullValue());
        Response again = asService().header("Idempotency-Key", "finalize:" + id).body(Map.of("actual", 200))
                .post("/internal/v1/reservations/" + id + "/finalize");
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertProblem(asService().header("Idempotency-Key", "finalize:" + id).body(Map.of("actual", 201))
                .post("/internal/v1/reservations/" + id + "/finalize"), 409, "idempotency-key-reused");
        assertProblem(finalizeReservation(id, 200), 409, "reservation-already-resolved");
        assertArrayEquals(new long[] {800, 0}, wallet(user));
        assertEquals(2, ledgerEntries(user));

        String other = reserved(user, 100);
        asService().header("Idempotency-Key", "release:" + other).post("/internal/v1/reservations/" + other + "/release")
                .then().statusCode(200);
        asService().header("Idempotency-Key", "release:" + other).post("/internal/v1/reservations/" + other + "/release")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("RELEASED"));
        assertArrayEquals(new long[] {800, 0}, wallet(user));
    }

    @Test
    void getShowsTheCurrentState() {
        String user = fundedUser(100);
        String id = reserved(user, 10);
        asService().get("/internal/v1/reservations/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("user_id", equalTo(user));
        release(id).then().statusCode(200);
        asService().get("/internal/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("RELEASED"));
        assertProblem(asService().get("/internal/v1/reservations/" + UUID.randomUUID()), 404, "not-found");
    }
}
