package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Answers an ask by quoting its sources. Charged at the extractive price when that was the plan (no chat model, or
 * its breaker open) — reserving first, so an unreachable billing still refuses the ask — and free when it stands in
 * for a chat call that failed, or when there was nothing to quote.
 */
@ApplicationScoped
public class ExtractiveFlow {

    public static final String MODEL = "extractive";

    private final ExtractiveAnswerer answerer;
    private final LanguageDetector languages;
    private final PriceList prices;
    private final Credits credits;
    private final AskRecorder recorder;

    public ExtractiveFlow(ExtractiveAnswerer answerer, LanguageDetector languages, PriceList prices, Credits credits,
                          AskRecorder recorder) {
        this.answerer = answerer;
        this.languages = languages;
        this.prices = prices;
        this.credits = credits;
        this.recorder = recorder;
    }

    /** The planned extractive answer, at the extractive price. */
    public Uni<AskAnswer> charged(AskContext ask, Fallback reason) {
        long price = prices.extractive();
        if (price <= 0) {
            return free(ask, reason, null);
        }
        return credits.reserve(ask, price).chain(reservation -> quote(ask)
                .call(() -> credits.capture(reservation, price))
                .chain(answer -> record(ask, answer, reason, reservation.id(), price)));
    }

    /** An extractive answer nobody pays for; {@code releasedReservation} is the chat call's, already released. */
    public Uni<AskAnswer> free(AskContext ask, Fallback reason, UUID releasedReservation) {
        return quote(ask).chain(answer -> record(ask, answer, reason, releasedReservation, 0));
    }

    // Sentence scoring is CPU work: off the event loop, whichever thread the billing response arrived on.
    private Uni<ExtractiveAnswer> quote(AskContext ask) {
        return Uni.createFrom().item(() -> answerer.answer(ask.question(), ask.language(), ask.context()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<AskAnswer> record(AskContext ask, ExtractiveAnswer answer, Fallback reason, UUID reservationId,
                                  long price) {
        String quoted = String.join(" ", answer.highlights().values().stream().flatMap(List::stream).toList());
        return languages.detect(quoted).chain(detected -> {
            Validation validation = Validation.quoted(detected.map(ask.language()::equals).orElse(true));
            AskRecord record = new AskRecord(ask.id(), ask.userId(), ask.requestId(), AnswerMode.EXTRACTIVE,
                    ask.language(), MODEL, reservationId, 0, 0, price, reason.label(), validation);
            return recorder.record(record).replaceWith(new AskAnswer(answer.text(), ask.context().passages(),
                    answer.highlights(), validation, record));
        });
    }
}
