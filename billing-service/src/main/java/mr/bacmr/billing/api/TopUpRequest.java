package mr.bacmr.billing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/admin/wallets/{user}/topups}: idempotent by {@code payment_ref}. */
public record TopUpRequest(@NotNull @Min(1) @Max(Limits.MAX_CREDITS) Long amount,
                           @NotBlank @Size(max = Limits.MAX_KEY) String paymentRef) {
}
