package mr.bacmr.billing.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A reservation as billing-service returns it. {@code status} is {@code PENDING}, {@code FINALIZED},
 * {@code RELEASED} or {@code EXPIRED}; {@code captured} is what finalize took (0 otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reservation(
        @JsonProperty("id") UUID id,
        @JsonProperty("user_id") String userId,
        @JsonProperty("amount") long amount,
        @JsonProperty("captured") long captured,
        @JsonProperty("status") String status,
        @JsonProperty("operation") String operation,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("resolved_at") Instant resolvedAt) {
}
