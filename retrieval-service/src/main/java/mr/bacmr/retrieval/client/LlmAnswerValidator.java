package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
import java.util.Set;

import mr.bacmr.retrieval.ask.AnswerValidator;
import mr.bacmr.retrieval.ask.Languages;
import mr.bacmr.retrieval.ask.PackedContext;
import mr.bacmr.retrieval.ask.Passage;
import mr.bacmr.retrieval.ask.Validation;

/**
 * The LLM answer validator (S20, {@code bacmr.ask.validator.provider=llm}): one call to an OpenAI-compatible chat
 * model reads the numbered passages the answer was given and the answer, and judges as JSON
 * ({@code {"grounded":true|false,"score":0..1,"language":"ar"|"fr"|"en"}}) whether it rests on them and which
 * language it is written in; the language is right when it is the asked one. Unlike the lexical check it sees
 * paraphrase and Arabic morphology. Anything but that JSON, a timeout, a failed call or an open breaker
 * ({@value #BREAKER}, in /q/metrics) gives the local validator's verdict instead, so a failing judge never fails an
 * ask (nor its billing). No retry: the local verdict is at hand, and a retried call would only add latency and
 * provider cost. The call is the platform's cost, not charged to the student.
 */
public final class LlmAnswerValidator implements AnswerValidator {

    public static final String BREAKER = "validator-model";
    /** Characters of each passage the judge reads, and of all of them: a bounded prompt even for premium contexts. */
    static final int PASSAGE_CHARS = 2_000;
    static final int CONTEXT_CHARS = 16_000;
    /** Characters of the answer the judge reads; answers are bounded by the chat model's output limit anyway. */
    static final int ANSWER_CHARS = 4_000;
    /** {@code {"grounded":false,"score":0.333,"language":"fr"}} is about 20 tokens. */
    static final int MAX_OUTPUT_TOKENS = 40;
    static final String SYSTEM = """
            You check an answer a study assistant gave a student of the Mauritanian baccalaureate. The answer must \
            rest only on the numbered passages from course books and past exams; it cites them as [n]. "grounded" \
            is true when every claim of the answer is supported by the passages (or when it only says that they do \
            not hold the answer), false when it adds facts they do not support. "score" is the share of the \
            answer's claims the passages support, from 0 to 1. "language" is the language the answer is written \
            in: "ar" for Arabic in any form (Modern Standard Arabic, Hassaniya or another dialect), "fr" for \
            French, "en" for English. Passages may be in another language than the answer; judge meaning, not \
            wording. Reply with JSON only: {"grounded":true|false,"score":0..1,"language":"ar"|"fr"|"en"}.""";
    private static final Set<String> LANGUAGES = Set.of("ar", "fr", "en");
    private static final TypeLiteral<Uni<Validation>> VERDICT = new TypeLiteral<>() {
    };

    private final JsonChatModel model;
    private final String name;
    private final AnswerValidator local;

    public LlmAnswerValidator(String baseUrl, String apiKey, String modelName, Duration timeout,
                              AnswerValidator local) {
        this(baseUrl, apiKey, modelName, timeout, local, BREAKER);
    }

    /** With its own breaker name: breaker names are unique per application (tests run several validators). */
    LlmAnswerValidator(String baseUrl, String apiKey, String modelName, Duration timeout, AnswerValidator local,
                       String breakerName) {
        this.model = new JsonChatModel("validator model", baseUrl, apiKey, modelName, timeout, breakerName);
        this.name = "llm:" + modelName;
        this.local = local;
    }

    /** The judge's name, as {@link Validation#judge()} reports it. */
    public String name() {
        return name;
    }

    @Override
    public Uni<Validation> validate(String answer, String language, PackedContext context) {
        if (answer == null || answer.isBlank()) {
            return local.validate(answer, language, context); // nothing to judge
        }
        return model.ask(SYSTEM, prompt(answer, language, context), MAX_OUTPUT_TOKENS,
                        verdict -> verdict(verdict, language, name), VERDICT)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("validator model %s failed (%s); using the local validator", name, failure.toString());
                    return local.validate(answer, language, context);
                });
    }

    static String prompt(String answer, String language, PackedContext context) {
        StringBuilder prompt = new StringBuilder("Passages:\n");
        int used = 0;
        for (Passage passage : context.passages()) {
            String text = passage.text().replaceAll("\\s+", " ").strip();
            if (text.length() > PASSAGE_CHARS) {
                text = text.substring(0, PASSAGE_CHARS) + "…";
            }
            if (used > 0 && used + text.length() > CONTEXT_CHARS) {
                prompt.append("(further passages omitted)\n");
                break;
            }
            prompt.append('[').append(passage.number()).append("] ").append(text).append('\n');
            used += text.length();
        }
        String stripped = answer.strip();
        prompt.append("\nAsked language: ").append(language).append(" (").append(Languages.promptName(language))
                .append(")\n\nAnswer:\n")
                .append(stripped.length() <= ANSWER_CHARS ? stripped : stripped.substring(0, ANSWER_CHARS) + "…");
        return prompt.toString();
    }

    /** The judge's {@code verdict}, its language compared with the asked one; fails on anything else. */
    static Validation verdict(JsonNode verdict, String askedLanguage, String judge) {
        JsonNode grounded = verdict.path("grounded");
        JsonNode score = verdict.path("score");
        JsonNode language = verdict.path("language");
        if (!grounded.isBoolean() || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1
                || !language.isTextual() || !LANGUAGES.contains(language.asText())) {
            throw new IllegalStateException("the validator model's verdict is not "
                    + "{\"grounded\":true|false,\"score\":0..1,\"language\":\"ar\"|\"fr\"|\"en\"}: "
                    + JsonChatModel.abbreviate(verdict.toString()));
        }
        return new Validation(grounded.asBoolean(), language.asText().equals(askedLanguage),
                Math.round(score.asDouble() * 1000) / 1000.0, judge);
    }
}
