package mr.bacmr.billing.api;

/** Bounds of what the billing API accepts. */
final class Limits {

    /** Credits in one reservation or top-up (a billion: far above any real price, far below overflow). */
    static final long MAX_CREDITS = 1_000_000_000L;
    static final int MAX_ID = 128;
    static final int MAX_KEY = 200;
    /** A reservation holds credits for at most a day. */
    static final int MAX_TTL_S = 86_400;

    private Limits() {
    }
}
