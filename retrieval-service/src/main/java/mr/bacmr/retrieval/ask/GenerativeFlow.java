package mr.bacmr.retrieval.ask;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

import mr.bacmr.billing.client.Reservation;
import mr.bacmr.retrieval.config.ChatConfig;

/**
 * Answers an ask with the chat model: reserve the estimate (prompt tokens plus the longest answer), call the model
 * with {@code max_tokens} bounded by what the reservation pays for, validate, capture the actual usage. A failed
 * chat call releases the reservation and the ask is answered extractively, free: the student is not charged for
 * our provider's outage. A failed reserve (402, 503) ends the ask before the model is called.
 *
 * <p>An answer that fails validation is still returned, flagged in {@code validation}, and billed: the tokens were
 * spent, and the lexical check has false negatives (paraphrase, Arabic morphology) that would otherwise hide right
 * answers. Clients show the flag.
 */
@ApplicationScoped
public class GenerativeFlow {

    private final PromptBuilder prompts;
    private final ChatModel chat;
    private final ChatConfig config;
    private final PriceList prices;
    private final Credits credits;
    private final AnswerValidator validator;
    private final ExtractiveFlow extractive;
    private final AskRecorder recorder;

    public GenerativeFlow(PromptBuilder prompts, ChatModel chat, ChatConfig config, PriceList prices, Credits credits,
                          AnswerValidator validator, ExtractiveFlow extractive, AskRecorder recorder) {
        this.prompts = prompts;
        this.chat = chat;
        this.config = config;
        this.prices = prices;
        this.credits = credits;
        this.validator = validator;
        this.extractive = extractive;
        this.recorder = recorder;
    }

    public Uni<AskAnswer> answer(AskContext ask) {
        Prompt prompt = prompts.build(ask.question(), ask.language(), ask.context());
        long estimate = prices.price(chat.name(), prompt.inputTokens(), config.maxOutputTokens());
        return credits.reserve(ask, estimate).chain(reservation -> {
            int maxTokens = prices.affordableOutputTokens(chat.name(), reservation.amount(), prompt.inputTokens())
                    .map(affordable -> Math.min(affordable, config.maxOutputTokens()))
                    .orElse(config.maxOutputTokens());
            return chat.generate(prompt, maxTokens).onItemOrFailure().transformToUni((generated, failure) -> {
                if (failure != null) {
                    Log.warnf("chat model failed for ask %s (%s); answering extractively", ask.id(), failure.toString());
                    return credits.release(reservation)
                            .chain(() -> extractive.free(ask, Fallback.CHAT_FAILED, reservation.id()));
                }
                return settle(ask, reservation, generated);
            });
        });
    }

    private Uni<AskAnswer> settle(AskContext ask, Reservation reservation, GeneratedAnswer generated) {
        // deferred: a validator that throws instead of failing its Uni still reaches the release below
        return Uni.createFrom().deferred(() -> validator.validate(generated.text(), ask.language(), ask.context()))
                .map(validation -> {
                    long actual = Math.min(reservation.amount(),
                            prices.price(chat.name(), generated.inputTokens(), generated.outputTokens()));
                    AskRecord record = new AskRecord(ask.id(), ask.userId(), ask.requestId(), AnswerMode.GENERATIVE,
                            ask.language(), chat.name(), reservation.id(), generated.inputTokens(),
                            generated.outputTokens(), actual, null, validation);
                    return new AskAnswer(generated.text(), ask.context().passages(), Map.of(), validation, record);
                })
                // Validation comes before capture. Nothing is captured for an answer we cannot account for; once
                // captured, the answer stands.
                .onFailure().call(() -> credits.release(reservation))
                .call(answer -> credits.capture(reservation, answer.record().credits()))
                .call(answer -> recorder.record(answer.record()));
    }
}
