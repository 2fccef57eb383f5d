package mr.bacmr.billing.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to hold: {@code amount} credits of {@code userId} for {@code operation}, for {@code ttlS} seconds (billing's
 * default, 5 minutes, when null). The idempotency key makes the call safe to repeat: the same key with the same
 * parameters returns the original reservation; the same key with other parameters is refused
 * ({@code idempotency-key-reused}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReserveRequest(
        @JsonProperty("user_id") String userId,
        @JsonProperty("amount") long amount,
        @JsonProperty("operation") String operation,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("ttl_s") Integer ttlS) {
}
