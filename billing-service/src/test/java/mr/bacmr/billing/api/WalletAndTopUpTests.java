package mr.bacmr.billing.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;

import static io.restassured.RestAssured.given;
import static mr.bacmr.billing.BillingFixtures.adminToken;
import static mr.bacmr.billing.BillingFixtures.assertProblem;
import static mr.bacmr.billing.BillingFixtures.count;
import static mr.bacmr.billing.BillingFixtures.finalizeReservation;
import static mr.bacmr.billing.BillingFixtures.fundedUser;
import static mr.bacmr.billing.BillingFixtures.ledgerEntries;
import static mr.bacmr.billing.BillingFixtures.reserved;
import static mr.bacmr.billing.BillingFixtures.studentToken;
import static mr.bacmr.billing.BillingFixtures.topUp;
import static mr.bacmr.billing.BillingFixtures.user;
import static mr.bacmr.billing.BillingFixtures.wallet;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Top-ups (idempotent by payment reference), the wallet views, and the wallet events. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class WalletAndTopUpTests {

    @Test
    void aPaymentReferenceCreditsOnce() {
        String user = user();
        String ref = "stripe-pi-" + UUID.randomUUID();
        Response first = topUp(user, 750, ref);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("user_id", equalTo(user)).body("amount", equalTo(750)).body("payment_ref", equalTo(ref))
                .body("balance_after", equalTo(750));
        Response again = topUp(user, 750, ref);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertArrayEquals(new long[] {750, 0}, wallet(user));
        assertProblem(topUp(user, 751, ref), 409, "idempotency-key-reused");
        assertProblem(topUp(user(), 750, ref), 409, "idempotency-key-reused");
        assertEquals(1, count("SELECT count(*) FROM ledger_entries WHERE reference = ?", ref));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'wallet.topped-up' AND msg_key = ?", user));
    }

    @Test
    void concurrentTopUpsWithOneReferenceCreditOnce() throws Exception {
        String user = user();
        String ref = "webhook-retry-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> topUp(user, 300, ref).statusCode(), threads));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(201, call.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertArrayEquals(new long[] {300, 0}, wallet(user));
        assertEquals(1, ledgerEntries(user));
    }

    @Test
    void theWalletShowsRecentEntriesAndTheLedgerPages() {
        String user = fundedUser(1_000);
        for (int i = 1; i <= 12; i++) {
            finalizeReservation(reserved(user, 20), i).then().statusCode(200);
        }
        reserved(user, 25);
        long balance = 1_000 - 78;
        given().auth().oauth2(studentToken(user)).get("/v1/wallet").then().statusCode(200)
                .body("user_id", equalTo(user))
                .body("balance", equalTo((int) balance)).body("held", equalTo(25)).body("available", equalTo((int) balance - 25))
                .body("recent_entries", hasSize(10))
                .body("recent_entries[0].kind", equalTo("CAPTURE"))
                .body("recent_entries[0].amount", equalTo(-12))
                .body("recent_entries[0].balance_after", equalTo((int) balance));
        given().auth().oauth2(studentToken(user)).queryParam("page", 1).queryParam("size", 5).get("/v1/wallet/ledger")
                .then().statusCode(200)
                .body("total", equalTo(13)).body("page", equalTo(1)).body("size", equalTo(5))
                .body("items.amount", contains(-7, -6, -5, -4, -3));
        given().auth().oauth2(studentToken(user)).queryParam("page", 2).queryParam("size", 5).get("/v1/wallet/ledger")
                .then().statusCode(200).body("items.kind", contains("CAPTURE", "CAPTURE", "TOPUP"));
        given().auth().oauth2(adminToken()).get("/v1/admin/wallets/" + user).then().statusCode(200)
                .body("balance", equalTo((int) balance)).body("held", equalTo(25));
        given().auth().oauth2(studentToken(user())).get("/v1/wallet").then().statusCode(200)
                .body("balance", equalTo(0)).body("recent_entries", hasSize(0));
    }

    @Test
    void aCaptureThatCrossesTheLowThresholdPublishesWalletLowOnce() {
        String user = fundedUser(150);
        finalizeReservation(reserved(user, 40), 40).then().statusCode(200);
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE event_type = 'wallet.low' AND msg_key = ?", user),
                "110 available: still above the threshold of 100");
        finalizeReservation(reserved(user, 50), 30).then().statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'wallet.low' AND msg_key = ? "
                + "AND (envelope->'payload'->>'available')::int = 80 AND topic = 'bacmr.billing.events'", user));
        finalizeReservation(reserved(user, 10), 10).then().statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'wallet.low' AND msg_key = ?", user),
                "a wallet that stays low does not alert at every capture");
        topUp(user, 500).then().statusCode(201);
        finalizeReservation(reserved(user, 500), 500).then().statusCode(200);
        assertEquals(2, count("SELECT count(*) FROM outbox WHERE event_type = 'wallet.low' AND msg_key = ?", user),
                "a top-up above the threshold re-arms it");
    }
}
