package mr.bacmr.retrieval.ask;

import java.util.UUID;

/**
 * One ask in progress: its id (also the billing idempotency key and the usage id), who asks, the request id to
 * stamp on everything it causes, the question, the answer language and the packed sources.
 */
public record AskContext(UUID id, String userId, String requestId, String question, String language,
                         PackedContext context) {

    /** Same key for every billing call of this ask, so a retried reserve never holds credits twice. */
    public String idempotencyKey() {
        return "ask:" + id;
    }
}
