package mr.bacmr.billing.events;

/** Payload of {@code wallet.low}: a capture or debit took the user's available credits below the threshold. */
public record WalletLow(String userId, long balance, long held, long available, long threshold) {

    public static final String TYPE = "wallet.low";
}
