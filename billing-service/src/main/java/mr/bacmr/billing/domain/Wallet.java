package mr.bacmr.billing.domain;

/** A user's credits: {@code balance} is what the ledger sums to, {@code held} what pending reservations hold. */
public record Wallet(String userId, long balance, long held) {

    public static Wallet empty(String userId) {
        return new Wallet(userId, 0, 0);
    }

    public long available() {
        return balance - held;
    }
}
