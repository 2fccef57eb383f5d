package mr.bacmr.billing.domain;

import java.net.URI;
import java.util.UUID;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/** The precise problems billing answers with (TigerBeetle-style: each names the rule that was broken). */
public final class BillingProblems {

    public static final URI INSUFFICIENT_CREDITS = ProblemType.of("insufficient-credits");
    public static final URI RESERVATION_EXPIRED = ProblemType.of("reservation-expired");
    public static final URI RESERVATION_ALREADY_RESOLVED = ProblemType.of("reservation-already-resolved");
    public static final URI IDEMPOTENCY_KEY_REUSED = ProblemType.of("idempotency-key-reused");
    public static final URI ACTUAL_EXCEEDS_RESERVED = ProblemType.of("actual-exceeds-reserved");

    public static ProblemException insufficientCredits(String userId, long available, long asked) {
        return new ProblemException(402, INSUFFICIENT_CREDITS, "Insufficient credits",
                "user " + userId + " has " + available + " credits available; " + asked + " were asked; nothing was held");
    }

    public static ProblemException expired(UUID id) {
        return new ProblemException(409, RESERVATION_EXPIRED, "Reservation expired",
                "reservation " + id + " expired and its credits were returned; nothing was charged");
    }

    public static ProblemException alreadyResolved(UUID id, ReservationStatus status) {
        return new ProblemException(409, RESERVATION_ALREADY_RESOLVED, "Reservation already resolved",
                "reservation " + id + " is already " + status + "; a reservation resolves once");
    }

    public static ProblemException keyReused(String key) {
        return new ProblemException(409, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
                "idempotency key '" + key + "' was already used with other parameters");
    }

    public static ProblemException actualExceedsReserved(UUID id, long actual, long amount) {
        return new ProblemException(422, ACTUAL_EXCEEDS_RESERVED, "Actual exceeds reserved",
                "finalize of reservation " + id + " asks " + actual + " credits but only " + amount + " were reserved");
    }

    public static ProblemException reservationNotFound(UUID id) {
        return ProblemException.notFound("reservation", id);
    }

    private BillingProblems() {
    }
}
