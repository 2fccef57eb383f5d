package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
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
    private static final TypeLiteral<Uni<Optional<String>>> LANGUAGE = new TypeLiteral<>() {
    };

    private final JsonChatModel model;
    private final String name;
    private final LanguageDetector local;

    public LlmLanguageDetector(String baseUrl, String apiKey, String modelName, Duration timeout,
                               LanguageDetector local) {
        this(baseUrl, apiKey, modelName, timeout, local, BREAKER);
    }

    /** With its own breaker name: breaker names are unique per application (tests run several detectors). */
    LlmLanguageDetector(String baseUrl, String apiKey, String modelName, Duration timeout, LanguageDetector local,
                        String breakerName) {
        this.model = new JsonChatModel("language model", baseUrl, apiKey, modelName, timeout, breakerName);
        this.name = "llm:" + modelName;
        this.local = local;
    }

    public String name() {
        return name;
    }

    @Override
    public Uni<Optional<String>> detect(String text) {
        if (text == null || text.isBlank()) {
            return local.detect(text); // nothing to ask the model about
        }
        return model.ask(SYSTEM, prompt(text), MAX_OUTPUT_TOKENS, LlmLanguageDetector::language, LANGUAGE)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("language model %s failed (%s); using the local detector", name, failure.toString());
                    return local.detect(text);
                });
    }

    static String prompt(String text) {
        String stripped = text.strip();
        return "Text:\n" + (stripped.length() <= TEXT_CHARS ? stripped : stripped.substring(0, TEXT_CHARS) + "…");
    }

    /** The language in the model's {@code answer}: one of ar, fr, en, or none for unknown; fails on anything else. */
    static Optional<String> language(JsonNode answer) {
        JsonNode language = answer.path("language");
        if (language.isTextual() && "unknown".equals(language.asText())) {
            return Optional.empty();
        }
        if (!language.isTextual() || !LANGUAGES.contains(language.asText())) {
            throw new IllegalStateException("the language model named language " + language
                    + " (ar, fr, en or unknown expected)");
        }
        return Optional.of(language.asText());
    }
}
