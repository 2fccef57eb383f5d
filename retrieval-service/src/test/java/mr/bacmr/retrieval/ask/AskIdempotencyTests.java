package mr.bacmr.retrieval.ask;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.store.AskIdempotencyStore;
import mr.bacmr.retrieval.testing.BillingLinkControl;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static mr.bacmr.retrieval.ask.AskFixtures.corpus;
import static mr.bacmr.retrieval.ask.AskFixtures.userWith;
import static mr.bacmr.retrieval.ask.AskFixtures.wallet;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code Idempotency-Key} on asks, against the real billing service and the OpenAI stub: a retry replays the first
 * answer with no second charge, allowance or model call; another question under the key is refused; a failed ask
 * frees its key; keys are per user; a claim whose replica died is taken over once stale.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskIdempotencyTests extends AsksAgainstBilling {

    static final String QUESTION = AskBillingTests.QUESTION;

    @Inject
    AskIdempotencyStore keys;

    @Test
    void aRetriedAskReplaysTheFirstAnswerWithoutChargingAgain() {
        String user = userWith(100);
        chat.answer(AskBillingTests.GROUNDED, 1_200, 80);
        String key = "retry-" + UUID.randomUUID();

        Response first = ask(user, key, QUESTION);
        first.then().statusCode(200).body("mode", equalTo("generative")).body("usage.credits", equalTo(2));
        assertNull(first.header("Idempotent-Replayed"));
        Response second = ask(user, key, QUESTION);

        second.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getMap("$"), second.jsonPath().getMap("$"), "the same answer, id and usage");
        assertEquals(1, chat.calls().size(), "one model call");
        assertEquals(98, wallet(user).getLong("balance"), "charged once");
        assertEquals(0, wallet(user).getLong("held"));
        assertEquals(1, quota.usedToday(user).await().indefinitely(), "one ask from the day's allowance");
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM asks WHERE user_id = $1").execute(Tuple.of(user))
                .await().indefinitely().iterator().next().getLong(0), "one recorded ask (and usage event)");
    }

    @Test
    void anotherQuestionUnderTheSameKeyIsRefused() {
        String user = userWith(100);
        chat.answer(AskBillingTests.GROUNDED, 1_200, 80);
        String key = "reused-" + UUID.randomUUID();
        ask(user, key, QUESTION).then().statusCode(200);

        ask(user, key, "Qui était le premier président de la Mauritanie ?").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/idempotency-key-reused"));

        assertEquals(1, chat.calls().size());
        assertEquals(98, wallet(user).getLong("balance"));
    }

    @Test
    void aFailedAskFreesItsKeyForTheRetry() {
        String user = userWith(100);
        chat.answer(AskBillingTests.GROUNDED, 1_200, 80);
        String key = "after-failure-" + UUID.randomUUID();
        corpus();
        BillingLinkControl.cut();
        ask(user, key, QUESTION).then().statusCode(503)
                .body("type", equalTo("https://bacmr.mr/problems/billing-unavailable"));
        restoreBilling();

        ask(user, key, QUESTION).then().statusCode(200).body("mode", equalTo("generative"));

        assertEquals(1, chat.calls().size());
        assertEquals(98, wallet(user).getLong("balance"), "charged once, by the retry");
    }

    @Test
    void keysBelongToTheirUser() {
        String alice = userWith(100);
        String bob = userWith(100);
        chat.answer(AskBillingTests.GROUNDED, 1_200, 80);
        String key = "shared-" + UUID.randomUUID();

        String aliceAnswer = ask(alice, key, QUESTION).then().statusCode(200).extract().path("id");
        Response bobs = ask(bob, key, QUESTION);

        bobs.then().statusCode(200);
        assertNull(bobs.header("Idempotent-Replayed"), "bob's ask is his own");
        assertNotEquals(aliceAnswer, bobs.path("id"), "answered anew, under its own id");
        assertEquals(98, wallet(bob).getLong("balance"));
    }

    @Test
    void aRetryWhileTheFirstIsBeingAnsweredIsToldToWait() throws Exception {
        String user = userWith(100);
        chat.hang();   // the first ask holds its key until the model call times out
        String key = "in-flight-" + UUID.randomUUID();
        corpus();
        java.util.concurrent.CompletableFuture<Response> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ask(user, key, QUESTION));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> chat.calls().size() == 1);

        ask(user, key, QUESTION).then().statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://bacmr.mr/problems/idempotency-key-in-progress"));

        first.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200).body("mode", equalTo("extractive"));
        ask(user, key, QUESTION).then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(1, chat.calls().size(), "the retries never reached the model");
    }

    @Test
    void malformedKeysAreRefused() {
        String user = userWith(100);
        for (String key : new String[] {"has space", "x".repeat(256), "é"}) {
            ask(user, key, QUESTION).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://bacmr.mr/problems/validation-failed"))
                    .body("errors.field", hasItem("idempotency_key"));
        }
        assertEquals(0, chat.calls().size());
    }

    @Test
    void aKeyInFlightIsRefusedUntilItIsStaleThenTakenOver() {
        String user = "store-user-" + UUID.randomUUID();
        Duration keep = Duration.ofHours(24);
        Duration stale = Duration.ofMinutes(5);
        assertInstanceOf(AskIdempotencyStore.Claimed.class, keys.claim(user, "k", "h1", keep, stale).await().indefinitely());

        assertInstanceOf(AskIdempotencyStore.InFlight.class, keys.claim(user, "k", "h1", keep, stale).await().indefinitely());
        assertInstanceOf(AskIdempotencyStore.OtherRequest.class,
                keys.claim(user, "k", "h2", keep, stale).await().indefinitely());

        backdate(user, 6);   // its replica died before answering
        assertInstanceOf(AskIdempotencyStore.Claimed.class, keys.claim(user, "k", "h1", keep, stale).await().indefinitely());

        keys.complete(user, "k", new io.vertx.core.json.JsonObject(Map.of("answer", "x"))).await().indefinitely();
        backdate(user, 6);   // answered keys are not stale: they replay until kept long enough
        AskIdempotencyStore.Held held = keys.claim(user, "k", "h1", keep, stale).await().indefinitely();
        assertEquals("x", assertInstanceOf(AskIdempotencyStore.Answered.class, held).response().getString("answer"));

        backdate(user, 25 * 60);
        assertEquals(1, keys.purge(keep).await().indefinitely(), "purged once past the keep time");
        assertInstanceOf(AskIdempotencyStore.Claimed.class, keys.claim(user, "k", "h2", keep, stale).await().indefinitely());
    }

    private void backdate(String user, int minutes) {
        pool.preparedQuery("UPDATE ask_idempotency SET created_at = now() - make_interval(mins => $2) WHERE user_id = $1")
                .execute(Tuple.of(user, minutes)).await().indefinitely();
    }

    private static Response ask(String user, String key, String question) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", question);
        body.put("filters", Map.of("document_id", corpus().history().toString()));
        return given().auth().oauth2(TestJwt.token(user, "student", "standard")).contentType("application/json")
                .header("Idempotency-Key", key).body(body).when().post("/v1/ask");
    }
}
