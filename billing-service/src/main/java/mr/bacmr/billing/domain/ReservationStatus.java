package mr.bacmr.billing.domain;

/** A reservation is PENDING until it resolves, exactly once, into one of the three others. */
public enum ReservationStatus {
    PENDING,
    FINALIZED,
    RELEASED,
    EXPIRED
}
