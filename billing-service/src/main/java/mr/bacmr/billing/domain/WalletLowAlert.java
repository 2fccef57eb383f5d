package mr.bacmr.billing.domain;

/**
 * When to tell a user their credits run low: a capture or debit took the available credits from at or above the
 * threshold to below it. Measured on available credits as they were before the debit, so a wallet that stays low
 * does not raise one event per debit, and a top-up above the threshold re-arms it.
 */
public record WalletLowAlert(long threshold) {

    public boolean crossedBy(Wallet after, long debited) {
        return debited > 0 && after.available() < threshold && after.available() + debited >= threshold;
    }
}
