package mr.bacmr.retrieval.ask;

import java.util.UUID;

/** What one answered ask cost and how it was answered; stored with its usage event. */
public record AskRecord(UUID id, String userId, String requestId, AnswerMode mode, String language, String model,
                        UUID reservationId, int inputTokens, int outputTokens, long credits, String fallback,
                        Validation validation) {
}
