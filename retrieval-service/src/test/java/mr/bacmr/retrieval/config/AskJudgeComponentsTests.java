package mr.bacmr.retrieval.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.ask.AnswerValidator;
import mr.bacmr.retrieval.ask.LanguageDetector;
import mr.bacmr.retrieval.ask.LexicalAnswerValidator;
import mr.bacmr.retrieval.ask.PackedContext;
import mr.bacmr.retrieval.ask.ScriptNgramLanguageDetector;
import mr.bacmr.retrieval.ask.Validation;
import mr.bacmr.retrieval.client.LlmAnswerValidator;
import mr.bacmr.retrieval.client.LlmLanguageDetector;
import mr.bacmr.retrieval.testing.ChatStubControl;

/**
 * {@code bacmr.ask.language-detector.provider} and {@code bacmr.ask.validator.provider} pick the adapters from the
 * real config mappings: local by default, the LLM adapters with the judge model, whose endpoint is the chat model's
 * when no judge URL is set, and a refusal to start for an LLM without any URL or an unknown provider. In the app, for
 * SmallRye Fault Tolerance and the chat stub; the two calls below are the only ones in the test JVM through the
 * production breaker names (the app itself runs the local adapters).
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskJudgeComponentsTests {

    static final String UNREACHABLE = "http://127.0.0.1:9/v1";

    private final ChatStubControl chat = ChatStubControl.ofApp();
    private final AskJudgeComponents components = new AskJudgeComponents();

    @BeforeEach
    @AfterEach
    void reset() {
        chat.reset();
    }

    private record Configs(AskConfig ask, ChatConfig chat) {
    }

    private static Configs config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AskConfig.class)
                .withMapping(ChatConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "5s" form, as in the app
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500))
                .build();
        return new Configs(config.getConfigMapping(AskConfig.class), config.getConfigMapping(ChatConfig.class));
    }

    private static String stubUrl() {
        return ConfigProvider.getConfig().getValue("bacmr.chat.base-url", String.class);
    }

    @Test
    void localIsTheDefault() {
        Configs config = config(Map.of());
        LanguageDetector detector = components.languageDetector(config.ask(), config.chat());
        assertInstanceOf(ScriptNgramLanguageDetector.class, detector);
        assertInstanceOf(LexicalAnswerValidator.class,
                components.answerValidator(config.ask(), config.chat(), detector));
    }

    @Test
    void llmNamesTheJudgeModel() {
        Configs config = config(Map.of(
                "bacmr.ask.language-detector.provider", "llm",
                "bacmr.ask.validator.provider", "llm",
                "bacmr.ask.judge.base-url", UNREACHABLE,
                "bacmr.ask.judge.model", "gpt-4.1-mini"));
        LanguageDetector detector = components.languageDetector(config.ask(), config.chat());
        assertEquals("llm:gpt-4.1-mini", assertInstanceOf(LlmLanguageDetector.class, detector).name());
        AnswerValidator validator = components.answerValidator(config.ask(), config.chat(), detector);
        assertEquals("llm:gpt-4.1-mini", assertInstanceOf(LlmAnswerValidator.class, validator).name());
    }

    @Test
    void withoutAJudgeUrlTheDetectorAsksTheChatModelsProviderWithItsKey() {
        Configs config = config(Map.of(
                "bacmr.ask.language-detector.provider", "llm",
                "bacmr.ask.judge.api-key", "sk-judge-unused",
                "bacmr.ask.judge.model", "gpt-4.1-mini",
                "bacmr.chat.base-url", stubUrl(),
                "bacmr.chat.api-key", "sk-chat"));
        chat.answer("{\"language\":\"ar\"}", 50, 5);

        Optional<String> language = components.languageDetector(config.ask(), config.chat())
                .detect("What is the derivative of a function?").await().atMost(Duration.ofSeconds(10));

        assertEquals(Optional.of("ar"), language, "the model's verdict, not the local en");
        List<JsonNode> calls = chat.calls();
        assertEquals(1, calls.size());
        assertEquals("gpt-4.1-mini", calls.get(0).path("model").asText(), "the judge model, on the chat endpoint");
        assertEquals("Bearer sk-chat", calls.get(0).path("authorization").asText(), "with the chat model's key");
    }

    @Test
    void aJudgeUrlIsUsedWithTheJudgesKeyRatherThanTheChatModels() {
        Configs config = config(Map.of(
                "bacmr.ask.validator.provider", "llm",
                "bacmr.ask.judge.base-url", stubUrl(),
                "bacmr.ask.judge.api-key", "sk-judge",
                "bacmr.chat.base-url", UNREACHABLE,
                "bacmr.chat.api-key", "sk-chat"));
        chat.answer("{\"grounded\": true, \"score\": 1, \"language\": \"fr\"}", 200, 20);
        AnswerValidator validator = components.answerValidator(config.ask(), config.chat(),
                new ScriptNgramLanguageDetector());

        Validation validation = validator.validate("Nouakchott [1].", "fr", new PackedContext(List.of(), 0, 2_000))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(new Validation(true, true, 1.0, "llm:gpt-4o-mini"), validation);
        assertEquals("Bearer sk-judge", chat.calls().get(0).path("authorization").asText());
    }

    @Test
    void anLlmWithoutAnyUrlIsRefusedNamingTheProperties() {
        Configs detector = config(Map.of("bacmr.ask.language-detector.provider", "llm"));
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
                () -> components.languageDetector(detector.ask(), detector.chat()));
        assertTrue(noUrl.getMessage().contains("bacmr.ask.language-detector.provider=llm")
                && noUrl.getMessage().contains("BACMR_ASK_JUDGE_BASE_URL")
                && noUrl.getMessage().contains("BACMR_CHAT_BASE_URL"), noUrl.getMessage());

        Configs validator = config(Map.of("bacmr.ask.validator.provider", "llm"));
        IllegalArgumentException noValidatorUrl = assertThrows(IllegalArgumentException.class,
                () -> components.answerValidator(validator.ask(), validator.chat(), new ScriptNgramLanguageDetector()));
        assertTrue(noValidatorUrl.getMessage().contains("bacmr.ask.validator.provider=llm")
                && noValidatorUrl.getMessage().contains("BACMR_ASK_JUDGE_BASE_URL"), noValidatorUrl.getMessage());
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheProperty() {
        Configs detector = config(Map.of("bacmr.ask.language-detector.provider", "fasttext"));
        IllegalArgumentException unknownDetector = assertThrows(IllegalArgumentException.class,
                () -> components.languageDetector(detector.ask(), detector.chat()));
        assertTrue(unknownDetector.getMessage().contains("bacmr.ask.language-detector.provider=fasttext")
                && unknownDetector.getMessage().contains("local, llm"), unknownDetector.getMessage());

        Configs validator = config(Map.of("bacmr.ask.validator.provider", "nli"));
        IllegalArgumentException unknownValidator = assertThrows(IllegalArgumentException.class,
                () -> components.answerValidator(validator.ask(), validator.chat(), new ScriptNgramLanguageDetector()));
        assertTrue(unknownValidator.getMessage().contains("bacmr.ask.validator.provider=nli")
                && unknownValidator.getMessage().contains("local, llm"), unknownValidator.getMessage());
    }
}
