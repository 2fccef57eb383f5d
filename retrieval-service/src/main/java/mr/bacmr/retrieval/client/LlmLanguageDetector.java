package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.util.TypeLiteral;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import mr.bacmr.retrieval.ask.LanguageDetector;

/**
 * The LLM language detector (S20, {@code bacmr.ask.language-detector.provider=llm}): one call to an
 * OpenAI-compatible chat model names the text's language as JSON ({@code {"language":"ar"|"fr"|"en"|"unknown"}};
 * Hassaniya and any other Arabic dialect are {@code ar}). {@code unknown} is no language. Anything else, a timeout, a
 * failed call or an open breaker ({@value #BREAKER}, in /q/metrics) gives the local detector's verdict instead, so a
 * failing model never fails an ask. No retry: the local verdict is at hand, and a retried call would only add
 * latency and provider cost. The call is the platform's cost, not charged to the student.
 */
public final class LlmLanguageDetector implements LanguageDetector {

    public static final String BREAKER = "language-model";
    /** Characters of the text the model reads: a question is shorter; an answer's opening tells its language. */
    static final int TEXT_CHARS = 1_000;
    /** {@code {"language":"unknown"}} is about 7 tokens. */
    static final int MAX_OUTPUT_TOKENS = 16;
    static final String SYSTEM = """
            You tell the language of a text written by or for a student of the Mauritanian baccalaureate. Answer \
            "ar" for Arabic in any form: Modern Standard Arabic, Hassaniya or any other Arabic dialect, even mixed \
            with formulae or French words. Answer "fr" for French, "en" for English, and "unknown" when the text is \
            too short or too mixed to tell, or in another language. Reply with JSON only: \
            {"language":"ar"|"fr"|"en"|"unknown"}.""";
    private static final Set<String> LANGUAGES = Set.of("ar", "fr", "en");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiChatModel model;
    private final String name;
    private final LanguageDetector local;
    private final TypedGuard<Uni<Optional<String>>> guard;

    public LlmLanguageDetector(String baseUrl, String apiKey, String modelName, Duration timeout,
                               LanguageDetector local) {
        this(baseUrl, apiKey, modelName, timeout, local, BREAKER);
    }

    /** With its own breaker name: breaker names are unique per application (tests run several detectors). */
    LlmLanguageDetector(String baseUrl, String apiKey, String modelName, Duration timeout, LanguageDetector local,
                        String breakerName) {
        this.model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
                .modelName(modelName)
                .temperature(0.0)
                .timeout(timeout.plusSeconds(2)) // the guard's timeout fires first
                .maxRetries(0)
                .build();
        this.name = "llm:" + modelName;
        this.local = local;
        this.guard = TypedGuard.create(new TypeLiteral<Uni<Optional<String>>>() {
                })
                .withDescription(breakerName)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(breakerName)
                .requestVolumeThreshold(4)
                .failureRatio(0.5)
                .delay(30, ChronoUnit.SECONDS)
                .onStateChange(state -> Log.warnf("language model circuit breaker is now %s", state))
                .done()
                .build();
    }

    public String name() {
        return name;
    }

    @Override
    public Uni<Optional<String>> detect(String text) {
        if (text == null || text.isBlank()) {
            return local.detect(text); // nothing to ask the model about
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(prompt(text)))
                .parameters(OpenAiChatRequestParameters.builder().maxOutputTokens(MAX_OUTPUT_TOKENS).build())
                .build();
        return guard.get(() -> Uni.createFrom().item(() -> model.chat(request))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .map(response -> language(response.aiMessage() == null ? null : response.aiMessage().text())))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("language model %s failed (%s); using the local detector", name, failure.toString());
                    return local.detect(text);
                });
    }

    static String prompt(String text) {
        String stripped = text.strip();
        return "Text:\n" + (stripped.length() <= TEXT_CHARS ? stripped : stripped.substring(0, TEXT_CHARS) + "…");
    }

    /** The language in {@code answer}: one of ar, fr, en, or none for unknown; fails on anything else. */
    static Optional<String> language(String answer) {
        if (answer == null) {
            throw new IllegalStateException("the language model answered with no text");
        }
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new IllegalStateException("the language model did not answer JSON: " + abbreviate(answer));
        }
        JsonNode language;
        try {
            language = JSON.readTree(answer.substring(open, close + 1)).path("language");
        } catch (IOException e) {
            throw new IllegalStateException("the language model did not answer JSON: " + abbreviate(answer), e);
        }
        if (language.isTextual() && "unknown".equals(language.asText())) {
            return Optional.empty();
        }
        if (!language.isTextual() || !LANGUAGES.contains(language.asText())) {
            throw new IllegalStateException("the language model named language " + language
                    + " (ar, fr, en or unknown expected)");
        }
        return Optional.of(language.asText());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
