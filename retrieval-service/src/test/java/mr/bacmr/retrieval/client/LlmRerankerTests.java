package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.domain.Reranker.Candidate;
import mr.bacmr.retrieval.testing.ChatStubControl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM reranker against the local server speaking OpenAI's chat-completions API: what it asks, how it reads the
 * grades, and that anything but well-formed grades, a timeout or an open breaker fails the call (the search then
 * keeps its fused order). Runs inside the app for SmallRye Fault Tolerance; each test has a breaker of its own.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class LlmRerankerTests {

    static final AtomicInteger BREAKERS = new AtomicInteger();
    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("a", "fr", "La Révolution française commence en 1789.", 0.030),
            new Candidate("b", "fr", "La photosynthèse produit du glucose à partir de lumière et d'eau.", 0.020),
            new Candidate("c", "ar", null, 0.010));

    private final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void reset() {
        chat.reset();
    }

    private LlmReranker reranker(Duration timeout) {
        String baseUrl = ConfigProvider.getConfig().getValue("bacmr.chat.base-url", String.class);
        return new LlmReranker(baseUrl, "sk-test", "gpt-4o-mini", timeout,
                "rerank-model-test-" + BREAKERS.incrementAndGet());
    }

    @Test
    void gradesOrderTheCandidatesAndThePromptNumbersEveryPassage() {
        chat.answer("Voici: {\"scores\": [2, 9, 7]}", 300, 12);
        List<Double> scores = reranker(Duration.ofSeconds(5)).score("photosynthèse glucose", CANDIDATES)
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(2.030, scores.get(0), 1e-9);
        assertEquals(9.020, scores.get(1), 1e-9, "the grade, with the fused score only as a tie-break");
        assertEquals(0.010, scores.get(2), 1e-9, "a passage the model never saw keeps no grade");

        List<JsonNode> calls = chat.calls();
        assertEquals(1, calls.size(), "one call grades every candidate");
        JsonNode call = calls.get(0);
        assertEquals("gpt-4o-mini", call.path("model").asText());
        assertEquals(0.0, call.path("temperature").asDouble());
        assertEquals("Bearer sk-test", call.path("authorization").asText());
        String user = call.path("messages").get(1).path("content").asText();
        assertTrue(user.startsWith("Query: photosynthèse glucose"), user);
        assertTrue(user.contains("[1] La Révolution française") && user.contains("[2] La photosynthèse")
                && user.contains("[3] (text unavailable)"), user);
        assertTrue(call.path("messages").get(0).path("content").asText().contains("{\"scores\""));
    }

    @Test
    void anythingButOneGradeFromZeroToTenPerPassageFailsTheCall() {
        for (String answer : List.of("Passage 2 is the best one.", "{\"scores\": [1, 2]}", "{\"scores\": [1, 2, 11]}",
                "{\"scores\": [1, \"high\", 3]}", "{\"ranking\": [1, 2, 3]}")) {
            chat.answer(answer, 300, 12);
            LlmReranker reranker = reranker(Duration.ofSeconds(5)); // a fresh breaker: four failures would open one
            assertThrows(IllegalStateException.class, () -> reranker.score("q", CANDIDATES)
                    .await().atMost(Duration.ofSeconds(10)), answer);
        }
    }

    @Test
    void aModelThatHangsTimesOut() {
        chat.hang();
        LlmReranker reranker = reranker(Duration.ofMillis(500));
        // the guard's timeout (the HTTP client's own is 2 s longer)
        assertThrows(TimeoutException.class, () -> reranker.score("q", CANDIDATES).await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void failingCallsOpenTheBreakerAndThenTheModelIsNotCalled() {
        chat.failWith500();
        LlmReranker reranker = reranker(Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            assertThrows(RuntimeException.class, () -> reranker.score("q", CANDIDATES).await().atMost(Duration.ofSeconds(10)));
        }
        String breaker = "rerank-model-test-" + BREAKERS.get();
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(breaker));
        int calls = chat.calls().size();
        assertThrows(CircuitBreakerOpenException.class,
                () -> reranker.score("q", CANDIDATES).await().atMost(Duration.ofSeconds(10)));
        assertEquals(calls, chat.calls().size(), "an open breaker does not call the model");
    }
}
