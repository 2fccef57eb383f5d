package mr.bacmr.billing.domain;

/**
 * A user's credits: {@code balance} is what the ledger sums to, {@code held} what pending reservations hold, and
 * {@code available = balance - held} what a new reservation or debit may take. Every change is computed here, on a
 * row the caller has locked, and refused when it would break {@code balance >= held >= 0}.
 */
public record Wallet(String userId, long balance, long held) {

    public Wallet {
        if (held < 0 || balance < held) {
            throw new IllegalStateException("wallet " + userId + " breaks balance >= held >= 0: " + balance + "/" + held);
        }
    }

    public static Wallet empty(String userId) {
        return new Wallet(userId, 0, 0);
    }

    public long available() {
        return balance - held;
    }

    public boolean canHold(long amount) {
        return amount <= available();
    }

    /** Holds {@code amount} more; the caller checked {@link #canHold(long)}. */
    public Wallet hold(long amount) {
        return new Wallet(userId, balance, held + positive(amount));
    }

    /** Finalize: takes {@code captured} of a reservation's {@code reserved} and frees the rest of the hold. */
    public Wallet capture(long reserved, long captured) {
        if (captured < 0 || captured > reserved) {
            throw new IllegalArgumentException("captured " + captured + " outside 0.." + reserved);
        }
        return new Wallet(userId, balance - captured, held - positive(reserved));
    }

    /** Release or expiry: the whole hold returns to available. */
    public Wallet releaseHold(long reserved) {
        return new Wallet(userId, balance, held - positive(reserved));
    }

    public Wallet credit(long amount) {
        return new Wallet(userId, Math.addExact(balance, positive(amount)), held);
    }

    /** Debits at most what is available, never the held credits; the item's balance drops by the debited part. */
    public Wallet debitUpTo(long amount) {
        return new Wallet(userId, balance - Math.min(positive(amount), available()), held);
    }

    private static long positive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        return amount;
    }
}
