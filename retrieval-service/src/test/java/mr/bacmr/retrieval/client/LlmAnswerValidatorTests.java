package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.ask.AnswerValidator;
import mr.bacmr.retrieval.ask.LexicalAnswerValidator;
import mr.bacmr.retrieval.ask.PackedContext;
import mr.bacmr.retrieval.ask.Passage;
import mr.bacmr.retrieval.ask.ScriptNgramLanguageDetector;
import mr.bacmr.retrieval.ask.Validation;
import mr.bacmr.retrieval.config.AskConfig;
import mr.bacmr.retrieval.domain.SearchHit;
import mr.bacmr.retrieval.testing.CapturedWarnings;
import mr.bacmr.retrieval.testing.ChatStubControl;

import static mr.bacmr.retrieval.SearchCalls.metric;
import static mr.bacmr.retrieval.SearchCalls.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM answer validator against the local server speaking OpenAI's chat-completions API: what it asks (the
 * numbered passages, bounded, the answer and the asked language), how it reads the verdict, and that anything but
 * the expected JSON, a 500, a timeout or an open breaker gives the lexical verdict instead. Runs inside the app for
 * SmallRye Fault Tolerance; each test has a breaker of its own.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class LlmAnswerValidatorTests {

    static final AtomicInteger BREAKERS = new AtomicInteger();
    static final PackedContext CONTEXT = context(List.of(
            "La Mauritanie a obtenu son indépendance le 28 novembre 1960, sous la présidence de Moktar Ould Daddah.",
            "La photosynthèse produit du glucose à partir de lumière, d'eau et de dioxyde de carbone."));
    /** A paraphrase the lexical check misses: it says not grounded, the judge below says grounded. */
    static final String PARAPHRASE = "Le pays a accédé à la souveraineté à la fin de l'automne soixante [1].";

    private final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    AskConfig config;

    @BeforeEach
    @AfterEach
    void reset() {
        chat.reset();
    }

    static PackedContext context(List<String> texts) {
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            SearchHit hit = new SearchHit("c" + i, UUID.randomUUID(), "Manuel", 1, "fr", 1.0, text, null, 0);
            passages.add(new Passage(i + 1, hit, text, text.length() / 4, false));
        }
        return new PackedContext(passages, passages.stream().mapToInt(Passage::tokens).sum(), 8_000);
    }

    private AnswerValidator lexical() {
        return new LexicalAnswerValidator(new ScriptNgramLanguageDetector(), config);
    }

    private String breaker() {
        return "validator-model-test-" + BREAKERS.get();
    }

    private LlmAnswerValidator validator(Duration timeout) {
        String baseUrl = ConfigProvider.getConfig().getValue("bacmr.chat.base-url", String.class);
        return new LlmAnswerValidator(baseUrl, "sk-test", "gpt-4o-mini", timeout, lexical(),
                "validator-model-test-" + BREAKERS.incrementAndGet());
    }

    private static Validation validate(AnswerValidator validator, String answer, String language) {
        return validator.validate(answer, language, CONTEXT).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theJudgesVerdictCountsAndItsLanguageIsComparedWithTheAskedOne() {
        assertFalse(validate(lexical(), PARAPHRASE, "fr").grounded(), "the lexical check misses the paraphrase");
        chat.answer("{\"grounded\": true, \"score\": 0.87654, \"language\": \"fr\"}", 400, 20);
        LlmAnswerValidator validator = validator(Duration.ofSeconds(5));

        assertEquals(new Validation(true, true, 0.877, "llm:gpt-4o-mini"), validate(validator, PARAPHRASE, "fr"));
        assertEquals(new Validation(true, false, 0.877, "llm:gpt-4o-mini"), validate(validator, PARAPHRASE, "ar"),
                "asked in Arabic, answered in French");

        List<JsonNode> calls = chat.calls();
        assertEquals(2, calls.size());
        JsonNode call = calls.get(0);
        assertEquals("gpt-4o-mini", call.path("model").asText());
        assertTrue(call.has("temperature"));
        assertEquals(0.0, call.path("temperature").asDouble());
        assertEquals(LlmAnswerValidator.MAX_OUTPUT_TOKENS, call.path("max_tokens").asInt());
        assertEquals("Bearer sk-test", call.path("authorization").asText());
        assertTrue(call.path("messages").get(0).path("content").asText()
                .contains("{\"grounded\":true|false,\"score\":0..1,\"language\":\"ar\"|\"fr\"|\"en\"}"));
        String user = call.path("messages").get(1).path("content").asText();
        assertTrue(user.contains("[1] La Mauritanie a obtenu son indépendance")
                && user.contains("[2] La photosynthèse produit du glucose"), user);
        assertTrue(user.contains("Answer:\n" + PARAPHRASE), user);
        assertTrue(user.contains("Asked language: fr (French)"), user);
        assertTrue(calls.get(1).path("messages").get(1).path("content").asText().contains("Asked language: ar"));
    }

    @Test
    void aLargeContextIsCutToABoundedPrompt() {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            texts.add("Passage " + i + " : " + "la chlorophylle absorbe la lumière. ".repeat(90) + "FIN-" + i);
        }
        PackedContext large = context(texts);
        chat.answer("{\"grounded\": false, \"score\": 0.2, \"language\": \"fr\"}", 4_000, 20);

        Validation validation = validator(Duration.ofSeconds(5)).validate(PARAPHRASE, "fr", large)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(new Validation(false, true, 0.2, "llm:gpt-4o-mini"), validation);
        String user = chat.calls().get(0).path("messages").get(1).path("content").asText();
        assertTrue(user.length() < LlmAnswerValidator.CONTEXT_CHARS + 2_000, "length " + user.length());
        assertTrue(user.contains("[1] Passage 1 :") && !user.contains("FIN-1"), "each passage is cut");
        assertFalse(user.contains("[20] "), "passages beyond the bound are left out");
        assertTrue(user.contains("(further passages omitted)"));
        assertTrue(user.contains("Answer:\n" + PARAPHRASE), "the answer is always there");
    }

    @Test
    void anythingButTheExpectedVerdictGivesTheLexicalOne() {
        Validation lexical = validate(lexical(), PARAPHRASE, "fr");
        assertEquals(Validation.LEXICAL, lexical.judge());
        List<String> answers = List.of("Oui, la réponse est fondée.",
                "{\"grounded\": \"yes\", \"score\": 0.9, \"language\": \"fr\"}",
                "{\"grounded\": true, \"score\": 1.5, \"language\": \"fr\"}",
                "{\"grounded\": true, \"score\": 0.9, \"language\": \"es\"}",
                "{\"grounded\": true, \"language\": \"fr\"}");
        for (int i = 0; i < answers.size(); i++) {
            chat.answer(answers.get(i), 400, 20);
            LlmAnswerValidator validator = validator(Duration.ofSeconds(5)); // a fresh breaker for each
            assertEquals(lexical, validate(validator, PARAPHRASE, "fr"), answers.get(i));
            assertEquals(i + 1, chat.calls().size(), "the judge was asked: " + answers.get(i));
        }
    }

    @Test
    void aFailingJudgeGivesTheLexicalVerdictWithOneWarningAndNoRetry() {
        chat.failWith500();
        try (CapturedWarnings warnings = CapturedWarnings.of(LlmAnswerValidator.class)) {
            assertEquals(validate(lexical(), PARAPHRASE, "fr"), validate(validator(Duration.ofSeconds(5)), PARAPHRASE, "fr"));
            assertEquals(1, warnings.count("failed"), "one warning per failure");
        }
        assertEquals(1, chat.calls().size(), "no retry");
    }

    @Test
    void aJudgeThatHangsGivesTheLexicalVerdictWhenTheGuardTimesOut() {
        chat.hang();
        LlmAnswerValidator validator = validator(Duration.ofMillis(500));

        assertEquals(Validation.LEXICAL, validate(validator, PARAPHRASE, "fr").judge());

        // the guard's timeout, not the HTTP client's (2 s later)
        assertEquals(1.0, metric(scrape(), "ft_timeout_calls_total", "method=\"" + breaker() + "\"",
                "timedOut=\"true\""));
    }

    @Test
    void failingCallsOpenTheBreakerAndThenTheJudgeIsNotCalled() {
        chat.failWith500();
        LlmAnswerValidator validator = validator(Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            assertEquals(Validation.LEXICAL, validate(validator, PARAPHRASE, "fr").judge());
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(breaker()));
        int calls = chat.calls().size();
        assertEquals(4, calls);

        assertEquals(Validation.LEXICAL, validate(validator, PARAPHRASE, "fr").judge());
        assertEquals(calls, chat.calls().size(), "an open breaker does not call the judge");
    }
}
