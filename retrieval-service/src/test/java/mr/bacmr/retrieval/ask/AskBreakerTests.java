package mr.bacmr.retrieval.ask;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.client.LangChainChatAdapter;
import mr.bacmr.retrieval.testing.ChatStubControl;

import static io.restassured.RestAssured.given;
import static mr.bacmr.retrieval.SearchCalls.metric;
import static mr.bacmr.retrieval.ask.AskFixtures.ask;
import static mr.bacmr.retrieval.ask.AskFixtures.corpus;
import static mr.bacmr.retrieval.ask.AskFixtures.reservation;
import static mr.bacmr.retrieval.ask.AskFixtures.userWith;
import static mr.bacmr.retrieval.ask.AskFixtures.wallet;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat model's circuit breaker: failing calls open it; while open, asks are answered extractively at the
 * extractive price without touching the model; its state is in /q/metrics.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskBreakerTests {

    static final String QUESTION = "Quelle est la capitale de la Mauritanie ?";

    private final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void closed() {
        chat.reset();
        breakers.resetAll();
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndAsksThenQuoteTheSourcesWithoutCallingTheModel() {
        String user = userWith(100);
        corpus();
        chat.failWith500();
        for (int i = 0; i < 4; i++) {
            ask(user, "premium", QUESTION, corpus().history()).then().statusCode(200)
                    .body("fallback", equalTo("chat-failed"));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(LangChainChatAdapter.BREAKER));
        assertEquals(4, chat.calls().size());
        chat.answer("never asked", 10, 10);

        Response response = ask(user, "premium", QUESTION, corpus().history());

        response.then().statusCode(200)
                .body("mode", equalTo("extractive"))
                .body("fallback", equalTo("breaker-open"))
                .body("usage.model", equalTo("extractive"))
                .body("usage.credits", equalTo(1))
                .body("validation.grounded", equalTo(true))
                .body("validation.judge", equalTo("quoted"));
        assertTrue(response.<String>path("answer").contains("Nouakchott"), response.<String>path("answer"));
        assertEquals(4, chat.calls().size(), "the open breaker kept the call away from the model");
        JsonPath held = reservation(response.path("usage.reservation_id"));
        assertEquals("FINALIZED", held.getString("status"));
        assertEquals(1, held.getLong("captured"), "the extractive price");
        assertEquals(99, wallet(user).getLong("balance"), "four released chat reservations and one extractive answer");

        String metrics = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        String ft = metrics.lines().filter(line -> line.startsWith("ft_")).toList().toString();
        assertEquals(1.0, metric(metrics, "ft_circuitbreaker_state_current", "method=\"chat-model\"", "state=\"open\""), ft);
        assertTrue(metric(metrics, "ft_circuitbreaker_opened_total", "method=\"chat-model\"") >= 1, ft);
        assertTrue(metric(metrics, "bacmr_asks_total", "fallback=\"breaker-open\"") >= 1);
        assertTrue(metric(metrics, "ft_circuitbreaker_state_current", "BillingClient.reserve", "state=\"closed\"")
                == 1.0, "billing's breakers are exported too: " + ft);

        breakers.reset(LangChainChatAdapter.BREAKER);
        ask(user, "premium", QUESTION, corpus().history()).then().statusCode(200).body("mode", equalTo("generative"));
        assertEquals(5, chat.calls().size());
    }
}
