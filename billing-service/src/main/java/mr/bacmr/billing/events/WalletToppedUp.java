package mr.bacmr.billing.events;

/** Payload of {@code wallet.topped-up}: credits were added for a payment. */
public record WalletToppedUp(String userId, long amount, String paymentRef, long balanceAfter) {

    public static final String TYPE = "wallet.topped-up";
}
