package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.ask.LanguageDetector;
import mr.bacmr.retrieval.ask.ScriptNgramLanguageDetector;
import mr.bacmr.retrieval.testing.CapturedWarnings;
import mr.bacmr.retrieval.testing.ChatStubControl;

import static mr.bacmr.retrieval.SearchCalls.metric;
import static mr.bacmr.retrieval.SearchCalls.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM language detector against the local server speaking OpenAI's chat-completions API: what it asks, how it
 * reads the answer, and that anything but the expected JSON, a 500, a timeout or an open breaker gives the local
 * detector's verdict instead (an ask never fails for it). Runs inside the app for SmallRye Fault Tolerance; each
 * test has a breaker of its own.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class LlmLanguageDetectorTests {

    static final AtomicInteger BREAKERS = new AtomicInteger();
    /** The local detector says {@code en}; the model below is made to say otherwise, to tell the verdicts apart. */
    static final String ENGLISH = "What is the derivative of a function?";

    private final ChatStubControl chat = ChatStubControl.ofApp();
    private final LanguageDetector local = new ScriptNgramLanguageDetector();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void reset() {
        chat.reset();
    }

    private String breaker() {
        return "language-model-test-" + BREAKERS.get();
    }

    private LlmLanguageDetector detector(Duration timeout) {
        String baseUrl = ConfigProvider.getConfig().getValue("bacmr.chat.base-url", String.class);
        return new LlmLanguageDetector(baseUrl, "sk-test", "gpt-4o-mini", timeout, local,
                "language-model-test-" + BREAKERS.incrementAndGet());
    }

    private static Optional<String> detect(LanguageDetector detector, String text) {
        return detector.detect(text).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theModelNamesTheLanguageAndIsAskedWithTheText() {
        String hassaniya = "chnhou ma3na l fonction exponentielle, ana ma fhemt chay fi dars";
        assertNotEquals(Optional.of("ar"), detect(local, hassaniya), "Hassaniya in Latin letters fools the n-grams");
        chat.answer("{\"language\": \"ar\"}", 60, 5);

        assertEquals(Optional.of("ar"), detect(detector(Duration.ofSeconds(5)), hassaniya));

        List<JsonNode> calls = chat.calls();
        assertEquals(1, calls.size());
        JsonNode call = calls.get(0);
        assertEquals("gpt-4o-mini", call.path("model").asText());
        assertEquals(0.0, call.path("temperature").asDouble());
        assertTrue(call.has("temperature"), "temperature 0 is sent, not left to the provider's default");
        assertEquals(LlmLanguageDetector.MAX_OUTPUT_TOKENS, call.path("max_tokens").asInt());
        assertEquals("Bearer sk-test", call.path("authorization").asText());
        String system = call.path("messages").get(0).path("content").asText();
        assertTrue(system.contains("{\"language\":\"ar\"|\"fr\"|\"en\"|\"unknown\"}") && system.contains("Hassaniya"),
                system);
        assertTrue(call.path("messages").get(1).path("content").asText().contains(hassaniya));
    }

    @Test
    void unknownIsNoLanguage() {
        chat.answer("{\"language\":\"unknown\"}", 60, 5);
        assertEquals(Optional.empty(), detect(detector(Duration.ofSeconds(5)), ENGLISH),
                "the model's unknown, not the local en");
    }

    @Test
    void aLongTextIsCutBeforeItReachesTheModel() {
        String text = "La photosynthèse fabrique la matière organique des plantes. ".repeat(100) + "FIN-DU-TEXTE";
        chat.answer("{\"language\":\"fr\"}", 60, 5);

        assertEquals(Optional.of("fr"), detect(detector(Duration.ofSeconds(5)), text));

        String user = chat.calls().get(0).path("messages").get(1).path("content").asText();
        assertTrue(user.length() <= LlmLanguageDetector.TEXT_CHARS + 20, "length " + user.length());
        assertFalse(user.contains("FIN-DU-TEXTE"));
    }

    @Test
    void anythingButTheExpectedJsonGivesTheLocalVerdict() {
        List<String> answers = List.of("French", "{\"language\": \"es\"}", "{\"lang\": \"fr\"}",
                "{\"language\": [\"fr\"]}", "{\"language\": \"fr\"");
        for (int i = 0; i < answers.size(); i++) {
            chat.answer(answers.get(i), 60, 5);
            LlmLanguageDetector detector = detector(Duration.ofSeconds(5)); // a fresh breaker for each
            assertEquals(Optional.of("en"), detect(detector, ENGLISH), answers.get(i));
            assertEquals(i + 1, chat.calls().size(), "the model was asked: " + answers.get(i));
        }
    }

    @Test
    void aFailingModelGivesTheLocalVerdictWithOneWarningAndNoRetry() {
        chat.failWith500();
        try (CapturedWarnings warnings = CapturedWarnings.of(LlmLanguageDetector.class)) {
            assertEquals(Optional.of("en"), detect(detector(Duration.ofSeconds(5)), ENGLISH));
            assertEquals(1, warnings.count("failed"), "one warning per failure");
        }
        assertEquals(1, chat.calls().size(), "no retry");
    }

    @Test
    void aModelThatHangsGivesTheLocalVerdictWhenTheGuardTimesOut() {
        chat.hang();
        LlmLanguageDetector detector = detector(Duration.ofMillis(500));

        assertEquals(Optional.of("en"), detect(detector, ENGLISH));

        // the guard's timeout, not the HTTP client's (2 s later)
        assertEquals(1.0, metric(scrape(), "ft_timeout_calls_total", "method=\"" + breaker() + "\"",
                "timedOut=\"true\""));
    }

    @Test
    void failingCallsOpenTheBreakerAndThenTheModelIsNotCalled() {
        chat.failWith500();
        LlmLanguageDetector detector = detector(Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            assertEquals(Optional.of("en"), detect(detector, ENGLISH));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(breaker()));
        int calls = chat.calls().size();
        assertEquals(4, calls);

        assertEquals(Optional.of("en"), detect(detector, ENGLISH), "the local verdict while the breaker is open");
        assertEquals(calls, chat.calls().size(), "an open breaker does not call the model");
    }
}
