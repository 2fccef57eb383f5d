package mr.bacmr.retrieval.ask;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.testing.BillingLinkControl;

import static mr.bacmr.retrieval.ask.AskFixtures.ask;
import static mr.bacmr.retrieval.ask.AskFixtures.corpus;
import static mr.bacmr.retrieval.ask.AskFixtures.reservation;
import static mr.bacmr.retrieval.ask.AskFixtures.userWith;
import static mr.bacmr.retrieval.ask.AskFixtures.wallet;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asks against the real billing service (through a link the tests can cut) and the OpenAI stub: one reserve and one
 * finalize per answered ask, release on chat failure, 503 without any model call when billing is unreachable, 402
 * passed through.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskBillingTests extends AsksAgainstBilling {

    static final String QUESTION = "En quelle année la Mauritanie est-elle devenue indépendante ?";
    static final String GROUNDED = "La Mauritanie est devenue indépendante le 28 novembre 1960 [1], sous la "
            + "présidence de Moktar Ould Daddah [1].";

    @Test
    void aGenerativeAskReservesOnceFinalizesTheActualUsageAndCapturesIt() {
        String user = userWith(100);
        chat.answer(GROUNDED, 1_200, 80);

        Response response = ask(user, "standard", QUESTION, corpus().history());

        response.then().statusCode(200)
                .body("mode", equalTo("generative"))
                .body("fallback", nullValue())
                .body("answer", equalTo(GROUNDED))
                .body("language", equalTo("fr"))
                .body("citations.document_id", everyItem(equalTo(corpus().history().toString())))
                .body("citations[0].number", equalTo(1))
                .body("citations[0].chunk_id", notNullValue())
                .body("citations[0].title", equalTo("Histoire de la Mauritanie"))
                .body("citations[0].page", equalTo(1))
                .body("usage.model", equalTo("gpt-4o-mini"))
                .body("usage.input_tokens", equalTo(1_200))
                .body("usage.output_tokens", equalTo(80))
                .body("usage.credits", equalTo(2)) // (1,200 × 1 + 80 × 4) / 1,000, rounded up
                .body("validation.grounded", equalTo(true))
                .body("validation.language_ok", equalTo(true))
                .body("validation.judge", equalTo("lexical"))
                .body("request_id", equalTo(response.header("X-Request-ID")));

        List<JsonNode> calls = chat.calls();
        assertEquals(1, calls.size(), "one model call");
        JsonNode call = calls.get(0);
        assertEquals("gpt-4o-mini", call.path("model").asText());
        assertEquals("Bearer sk-test", call.path("authorization").asText());
        assertEquals(512, call.path("max_tokens").asInt(), "bounded by the reservation: the configured maximum");
        assertTrue(call.path("messages").get(0).path("content").asText().contains("in French"));
        assertTrue(call.path("messages").get(1).path("content").asText().contains("1960"), "the source is in the prompt");

        JsonPath held = reservation(response.path("usage.reservation_id"));
        assertEquals("FINALIZED", held.getString("status"));
        assertEquals(2, held.getLong("captured"));
        assertEquals(user, held.getString("user_id"));
        assertEquals("ask", held.getString("operation"));
        assertTrue(held.getLong("amount") >= 3, "reserved the estimate: prompt + 512 output tokens");
        assertEquals(response.header("X-Request-ID"), held.getString("request_id"), "the request id reached billing");

        JsonPath wallet = wallet(user);
        assertEquals(98, wallet.getLong("balance"), "exactly the actual usage was captured, once");
        assertEquals(0, wallet.getLong("held"), "nothing left reserved: no second reservation");

        Row recorded = pool.preparedQuery("SELECT grounded, language_ok, judge FROM asks WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(response.path("id")))).await().indefinitely().iterator().next();
        assertEquals(true, recorded.getBoolean("grounded"));
        assertEquals(true, recorded.getBoolean("language_ok"));
        assertEquals("lexical", recorded.getString("judge"), "the asks row says who validated the answer");
    }

    @Test
    void aFailingChatModelReleasesTheReservationAndTheAskIsAnsweredFromTheSources() {
        String user = userWith(100);
        chat.failWith500();

        Response response = ask(user, "standard", QUESTION, corpus().history());

        response.then().statusCode(200)
                .body("mode", equalTo("extractive"))
                .body("fallback", equalTo("chat-failed"))
                .body("usage.credits", equalTo(0))
                .body("citations[0].highlights", hasItem(org.hamcrest.Matchers.containsString("1960")));
        assertEquals(1, chat.calls().size(), "one call, no retry: a completion is not idempotent for billing");
        JsonPath held = reservation(response.path("usage.reservation_id"));
        assertEquals("RELEASED", held.getString("status"));
        assertEquals(0, held.getLong("captured"));
        assertEquals(100, wallet(user).getLong("balance"), "billing shows no capture");
        assertEquals(0, wallet(user).getLong("held"));
    }

    @Test
    void aChatModelThatDoesNotAnswerInTimeIsReleasedToo() {
        String user = userWith(100);
        chat.hang();

        Response response = ask(user, "standard", QUESTION, corpus().history());

        response.then().statusCode(200).body("mode", equalTo("extractive")).body("fallback", equalTo("chat-failed"));
        assertEquals("RELEASED", reservation(response.path("usage.reservation_id")).getString("status"));
        assertEquals(100, wallet(user).getLong("balance"));
    }

    @Test
    void unreachableBillingIs503AndTheModelIsNeverCalled() {
        String user = userWith(100);
        corpus();
        int usedBefore = quota.usedToday(user).await().indefinitely();
        BillingLinkControl.cut();

        ask(user, "standard", QUESTION, corpus().history()).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/billing-unavailable"));

        assertEquals(0, chat.calls().size(), "no free LLM call");
        assertEquals(usedBefore, quota.usedToday(user).await().indefinitely(), "the failed ask is given back");
        restoreBilling();
        assertEquals(100, wallet(user).getLong("balance"));
    }

    @Test
    void insufficientCreditIsBillings402PassedThrough() {
        String user = userWith(1); // the estimate is at least 3 credits
        corpus();

        ask(user, "standard", QUESTION, corpus().history()).then().statusCode(402)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/insufficient-credits"));

        assertEquals(0, chat.calls().size());
        assertEquals(0, quota.usedToday(user).await().indefinitely());
        assertEquals(1, wallet(user).getLong("balance"));
    }
}
