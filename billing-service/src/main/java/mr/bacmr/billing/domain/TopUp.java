package mr.bacmr.billing.domain;

import java.time.Instant;

/** Credits added to a wallet for a payment; a repeated payment reference returns the original top-up. */
public record TopUp(String userId, long amount, String paymentRef, long ledgerEntryId, long balanceAfter,
                    Instant createdAt) {

    public static TopUp of(String userId, LedgerEntry entry) {
        return new TopUp(userId, entry.amount(), entry.reference(), entry.id(), entry.balanceAfter(), entry.createdAt());
    }
}
