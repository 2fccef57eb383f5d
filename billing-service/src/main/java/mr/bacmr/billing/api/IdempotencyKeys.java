package mr.bacmr.billing.api;

import mr.bacmr.common.web.ProblemException;

/** The optional {@code Idempotency-Key} header of finalize and release. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    static String check(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > Limits.MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest(HEADER + " must be 1 to " + Limits.MAX_KEY + " printable ASCII characters");
        }
        return key;
    }

    private IdempotencyKeys() {
    }
}
