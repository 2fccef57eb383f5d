package mr.bacmr.billing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /internal/v1/reservations/{id}/finalize}: the credits actually used (at most the amount reserved). */
public record FinalizeRequest(@NotNull @Min(0) @Max(Limits.MAX_CREDITS) Long actual) {
}
