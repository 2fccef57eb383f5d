package mr.bacmr.billing.client;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.testing.BacmrTestInfrastructure;

import static io.restassured.RestAssured.given;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.ledgerEntries;
import static mr.bacmr.billing.BillingFixtures.query;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed client other services use, for real: it calls this running billing instance over HTTP with a service
 * token it mints itself, and a second instance of it is pointed at a closed port.
 */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class BillingClientTests {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PROBLEMS = "https://bacmr.mr/problems/";

    @Inject
    BillingClient billing;
    @Inject
    UnreachableBillingClient unreachable;

    @Test
    void reservesFinalizesAndReleasesWithItsOwnServiceToken() {
        String user = fundedUser(1_000);
        Reservation held = billing.reserve(new ReserveRequest(user, 300, "ask", "ask-" + UUID.randomUUID(), 60))
                .await().atMost(WAIT);
        assertEquals("PENDING", held.status());
        assertEquals(user, held.userId());
        assertEquals(300, held.amount());
        assertTrue(held.expiresAt().isAfter(held.createdAt()));
        assertArrayEquals(new long[] {1_000, 300}, wallet(user));

        Reservation finalized = billing.finalize(held.id(), 120).await().atMost(WAIT);
        assertEquals("FINALIZED", finalized.status());
        assertEquals(120, finalized.captured());
        // A retry of the same finalize (its answer lost, say) is answered from the stored original, not refused.
        assertEquals(finalized, billing.finalize(held.id(), 120).await().atMost(WAIT));
        assertArrayEquals(new long[] {880, 0}, wallet(user));
        assertEquals(2, ledgerEntries(user));

        Reservation other = billing.reserve(new ReserveRequest(user, 100, "quiz.generate", "quiz-" + UUID.randomUUID(), null))
                .await().atMost(WAIT);
        assertEquals("RELEASED", billing.release(other.id()).await().atMost(WAIT).status());
        assertEquals("RELEASED", billing.release(other.id()).await().atMost(WAIT).status(), "release retried");
        assertEquals("RELEASED", billing.get(other.id()).await().atMost(WAIT).status());
        assertArrayEquals(new long[] {880, 0}, wallet(user));
    }

    @Test
    void aRepeatedReserveReturnsTheOriginalReservation() {
        String user = fundedUser(500);
        ReserveRequest request = new ReserveRequest(user, 200, "ask", "ask-" + UUID.randomUUID(), null);
        Reservation first = billing.reserve(request).await().atMost(WAIT);
        assertEquals(first, billing.reserve(request).await().atMost(WAIT));
        assertArrayEquals(new long[] {500, 200}, wallet(user));
    }

    @Test
    void billingsProblemsArePassedThrough() {
        String user = fundedUser(100);
        ProblemException insufficient = assertThrows(ProblemException.class, () -> billing
                .reserve(new ReserveRequest(user, 101, "ask", "ask-" + UUID.randomUUID(), null)).await().atMost(WAIT));
        assertEquals(402, insufficient.status());
        assertEquals(PROBLEMS + "insufficient-credits", insufficient.type().toString());
        assertTrue(insufficient.getMessage().contains("100 credits available"), insufficient.getMessage());

        String key = "ask-" + UUID.randomUUID();
        Reservation held = billing.reserve(new ReserveRequest(user, 50, "ask", key, null)).await().atMost(WAIT);
        ProblemException reused = assertThrows(ProblemException.class, () -> billing
                .reserve(new ReserveRequest(user, 51, "ask", key, null)).await().atMost(WAIT));
        assertEquals(409, reused.status());
        assertEquals(PROBLEMS + "idempotency-key-reused", reused.type().toString());

        ProblemException tooMuch = assertThrows(ProblemException.class,
                () -> billing.finalize(held.id(), 51).await().atMost(WAIT));
        assertEquals(422, tooMuch.status());
        assertEquals(PROBLEMS + "actual-exceeds-reserved", tooMuch.type().toString());

        billing.release(held.id()).await().atMost(WAIT);
        ProblemException resolved = assertThrows(ProblemException.class,
                () -> billing.finalize(held.id(), 10).await().atMost(WAIT));
        assertEquals(409, resolved.status());
        assertEquals(PROBLEMS + "reservation-already-resolved", resolved.type().toString());

        ProblemException missing = assertThrows(ProblemException.class,
                () -> billing.get(UUID.randomUUID()).await().atMost(WAIT));
        assertEquals(404, missing.status());
        assertEquals(PROBLEMS + "not-found", missing.type().toString());
    }

    @Test
    void forwardsTheRequestIdOfTheRequestItServes() {
        String user = fundedUser(100);
        String requestId = "probe-" + UUID.randomUUID();
        String id = given().header("X-Request-ID", requestId).post("/test/billing-client/reserve/" + user)
                .then().statusCode(200).extract().path("id");
        assertEquals(requestId, query("SELECT request_id FROM reservations WHERE id = ?::uuid", id).get(0).get("request_id"));
    }

    @Test
    void anUnreachableBillingIsA503AndOpensTheBreaker() {
        UUID id = UUID.randomUUID();
        ProblemException down = assertThrows(ProblemException.class, () -> unreachable.get(id).await().atMost(WAIT));
        assertEquals(503, down.status());
        assertEquals(PROBLEMS + "billing-unavailable", down.type().toString());

        await().atMost(WAIT).until(() -> {
            ProblemException again = assertThrows(ProblemException.class, () -> unreachable.get(id).await().atMost(WAIT));
            return again.getMessage().contains("circuit breaker open");
        });
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("ft_circuitbreaker_opened_total")
                        && line.contains("UnreachableBillingClient") && !line.endsWith(" 0.0")),
                "the breaker opening is visible in /q/metrics:\n" + metrics.lines()
                        .filter(line -> line.startsWith("ft_circuitbreaker")).reduce("", (a, b) -> a + b + "\n"));

        // Its breaker is its own: the real client still reaches billing.
        String user = fundedUser(10);
        assertEquals("PENDING", billing.reserve(new ReserveRequest(user, 10, "ask", "k-" + UUID.randomUUID(), null))
                .await().atMost(WAIT).status());
    }
}
