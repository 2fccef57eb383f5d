package mr.bacmr.billing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import mr.bacmr.billing.domain.ReserveCommand;

/** {@code POST /internal/v1/reservations}. */
public record ReserveRequest(
        @NotBlank @Size(max = Limits.MAX_ID) String userId,
        @NotNull @Min(1) @Max(Limits.MAX_CREDITS) Long amount,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be lower-case words such as ask or quiz.generate") String operation,
        @NotBlank @Size(max = Limits.MAX_KEY) String idempotencyKey,
        @Min(1) @Max(Limits.MAX_TTL_S) Integer ttlS) {

    ReserveCommand toCommand(String requestId) {
        return new ReserveCommand(userId, amount, operation, idempotencyKey, ttlS, requestId);
    }
}
