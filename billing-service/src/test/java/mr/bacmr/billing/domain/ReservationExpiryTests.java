package mr.bacmr.billing.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static mr.bacmr.billing.BillingFixtures.asService;
import static mr.bacmr.billing.BillingFixtures.assertProblem;
import static mr.bacmr.billing.BillingFixtures.count;
import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.ledgerEntries;
import static mr.bacmr.billing.BillingFixtures.query;
import static mr.bacmr.billing.BillingFixtures.release;
import static mr.bacmr.billing.BillingFixtures.reserve;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * T19 and the expiry half of T20: past {@code expires_at} (database time) a hold returns within one sweep, and a
 * late finalize or release is a 409 {@code reservation-expired} that changes no ledger.
 */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class ReservationExpiryTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    static final String SCHEDULED_SWEEP = "reservation-sweeper";

    @Inject
    ReservationSweeper sweeper;
    @Inject
    Scheduler scheduler;
    @Inject
    ObjectMapper mapper;

    @Test
    void t19ExpiryReturnsEveryHoldWithinOneSweep() throws Exception {
        // the scheduled sweeper (every second in tests) may hold these rows, uncommitted, when this sweep skips them
        // (SKIP LOCKED): paused, the sweep below is the only one, and what it leaves is what one sweep leaves
        scheduler.pause(SCHEDULED_SWEEP);
        try {
            expireWithinOneSweep();
        } finally {
            scheduler.resume(SCHEDULED_SWEEP);
        }
    }

    private void expireWithinOneSweep() throws Exception {
        String user = fundedUser(1_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(reserve(user, 100, "expiring-" + i + "-" + user, 1).then().statusCode(201).extract().path("id"));
        }
        String lasting = reserve(user, 50, "lasting-" + user, 600).then().statusCode(201).extract().path("id");
        assertArrayEquals(new long[] {1_000, 550}, wallet(user));

        awaitDatabaseTimePast(ids);
        sweeper.sweep().await().atMost(WAIT);

        assertEquals(0, count("SELECT count(*) FROM reservations WHERE status = 'PENDING' AND expires_at <= now()"),
                "nothing past its expiry is still pending after one sweep");
        for (String id : ids) {
            assertEquals("EXPIRED", query("SELECT status FROM reservations WHERE id = ?::uuid", id).get(0).get("status"));
        }
        assertEquals("PENDING", query("SELECT status FROM reservations WHERE id = ?::uuid", lasting).get(0).get("status"));
        assertArrayEquals(new long[] {1_000, 50}, wallet(user), "all 500 returned");
        assertEquals(1, ledgerEntries(user), "expiry writes no ledger entry");

        for (String id : ids) {
            List<Map<String, Object>> events = query("SELECT envelope::text AS envelope FROM outbox "
                    + "WHERE event_type = 'reservation.expired' AND msg_key = ? AND envelope->'payload'->>'reservation_id' = ?",
                    user, id);
            assertEquals(1, events.size(), "one reservation.expired event per expiry, through the outbox");
            JsonNode payload = mapper.readTree((String) events.get(0).get("envelope")).get("payload");
            assertEquals(100, payload.get("amount").asLong());
            assertEquals("bacmr.billing.events", query("SELECT topic FROM outbox WHERE msg_key = ? "
                    + "AND event_type = 'reservation.expired' LIMIT 1", user).get(0).get("topic"));
        }
    }

    @Test
    void t20FinalizeOrReleaseAfterExpiryIsRefusedWithoutLedgerChange() {
        String user = fundedUser(500);
        String swept = reserve(user, 200, "swept-" + user, 1).then().statusCode(201).extract().path("id");
        String late = reserve(user, 100, "late-" + user, 1).then().statusCode(201).extract().path("id");
        awaitDatabaseTimePast(List.of(swept, late));
        sweeper.sweep().await().atMost(WAIT);

        assertProblem(finalizeReservation(swept, 10), 409, "reservation-expired");
        assertProblem(release(swept), 409, "reservation-expired");
        assertProblem(asService().header("Idempotency-Key", "finalize:" + late)
                .body(Map.of("actual", 10)).post("/internal/v1/reservations/" + late + "/finalize"),
                409, "reservation-expired");
        assertArrayEquals(new long[] {500, 0}, wallet(user));
        assertEquals(1, ledgerEntries(user), "no ledger change");
    }

    @Test
    void aLateFinalizeExpiresTheReservationItselfWhenTheSweeperHasNotComeBy() {
        String user = fundedUser(300);
        String id = reserve(user, 300, "racing-the-sweeper-" + user, 1).then().statusCode(201).extract().path("id");
        awaitDatabaseTimePast(List.of(id));
        // Whoever comes first — this finalize or the scheduled sweeper — the outcome is the same.
        assertProblem(finalizeReservation(id, 300), 409, "reservation-expired");
        asService().get("/internal/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertArrayEquals(new long[] {300, 0}, wallet(user));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'reservation.expired' "
                + "AND envelope->'payload'->>'reservation_id' = ?", id), "expired exactly once");
    }

    @Test
    void theScheduledSweeperExpiresWithoutHelp() {
        String user = fundedUser(100);
        String id = reserve(user, 100, "scheduled-" + user, 1).then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> "EXPIRED".equals(
                query("SELECT status FROM reservations WHERE id = ?::uuid", id).get(0).get("status")));
        assertArrayEquals(new long[] {100, 0}, wallet(user));
    }

    static void awaitDatabaseTimePast(List<String> ids) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> count(
                "SELECT count(*) FROM reservations WHERE id = ANY(?::uuid[]) AND expires_at > now()",
                "{" + String.join(",", ids) + "}") == 0);
    }
}
