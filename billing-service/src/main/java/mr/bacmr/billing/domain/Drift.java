package mr.bacmr.billing.domain;

import java.util.UUID;

/**
 * One disagreement a reconciliation run found. {@code check} names the invariant (§5.3) it breaks:
 * {@code balance_matches_ledger}, {@code held_matches_pending}, {@code available_not_negative},
 * {@code capture_matches_ledger}, {@code capture_has_reservation}, {@code ledger_running_balance}.
 */
public record Drift(String check, String userId, UUID reservationId, Long ledgerEntryId, Long expected, Long actual,
                    String detail) {

    public static final String BALANCE_MATCHES_LEDGER = "balance_matches_ledger";
    public static final String HELD_MATCHES_PENDING = "held_matches_pending";
    public static final String AVAILABLE_NOT_NEGATIVE = "available_not_negative";
    public static final String CAPTURE_MATCHES_LEDGER = "capture_matches_ledger";
    public static final String CAPTURE_HAS_RESERVATION = "capture_has_reservation";
    public static final String LEDGER_RUNNING_BALANCE = "ledger_running_balance";
}
