package mr.bacmr.billing.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Credits held for one paid operation (TigerBeetle's pending transfer). This record is also the internal API's
 * resource, field for field, and the body stored for idempotent replays.
 */
public record Reservation(UUID id, String userId, long amount, long captured, ReservationStatus status,
                          String operation, String idempotencyKey, String requestId, Instant expiresAt,
                          Instant createdAt, Instant resolvedAt) {

    public boolean isPending() {
        return status == ReservationStatus.PENDING;
    }

    /** Whether the hold ran out at {@code now} (database time): it can only expire from here. */
    public boolean isPastExpiry(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public Reservation finalized(long actual, Instant at) {
        return resolved(ReservationStatus.FINALIZED, actual, at);
    }

    public Reservation released(Instant at) {
        return resolved(ReservationStatus.RELEASED, 0, at);
    }

    public Reservation expired(Instant at) {
        return resolved(ReservationStatus.EXPIRED, 0, at);
    }

    private Reservation resolved(ReservationStatus to, long capture, Instant at) {
        if (!isPending()) {
            throw new IllegalStateException("reservation " + id + " already " + status);
        }
        return new Reservation(id, userId, amount, capture, to, operation, idempotencyKey, requestId, expiresAt,
                createdAt, at);
    }
}
