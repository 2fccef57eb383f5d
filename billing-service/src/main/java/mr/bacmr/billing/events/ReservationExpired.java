package mr.bacmr.billing.events;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code reservation.expired}: a hold ran out unresolved and its credits went back to the user. */
public record ReservationExpired(UUID reservationId, String userId, long amount, String operation, Instant expiresAt,
                                 Instant expiredAt) {

    public static final String TYPE = "reservation.expired";
}
