package mr.bacmr.billing.domain;

/**
 * A reservation request: hold {@code amount} credits of {@code userId} for {@code operation}, for {@code ttlS}
 * seconds (the configured default when null), under an idempotency key unique per user.
 */
public record ReserveCommand(String userId, long amount, String operation, String idempotencyKey, Integer ttlS,
                             String requestId) {
}
