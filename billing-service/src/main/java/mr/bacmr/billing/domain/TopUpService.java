package mr.bacmr.billing.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.LedgerStore;
import mr.bacmr.billing.store.WalletStore;

/** Top-ups (admin or payment webhook), idempotent by payment reference: a payment credits one wallet once. */
@ApplicationScoped
public class TopUpService {

    /** Unique violation: a concurrent top-up with the same payment reference committed first. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final BillingTransactions transactions;
    private final WalletStore wallets;
    private final LedgerStore ledger;
    private final BillingEvents events;
    private final MeterRegistry registry;

    public TopUpService(BillingTransactions transactions, WalletStore wallets, LedgerStore ledger, BillingEvents events,
                        MeterRegistry registry) {
        this.transactions = transactions;
        this.wallets = wallets;
        this.ledger = ledger;
        this.events = events;
        this.registry = registry;
    }

    /** The top-up and whether it replays an earlier one with the same payment reference. */
    public record Result(TopUp topUp, boolean replayed) {
    }

    public Uni<Result> topUp(DbCaller caller, String userId, long amount, String paymentRef) {
        return attempt(caller, userId, amount, paymentRef)
                // The loser of a race on one payment reference retries once and finds the winner's top-up.
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithUni(() -> attempt(caller, userId, amount, paymentRef))
                .invoke(result -> registry.counter("bacmr.billing.topups", "outcome",
                        result.replayed() ? "replayed" : "credited").increment());
    }

    private Uni<Result> attempt(DbCaller caller, String userId, long amount, String paymentRef) {
        return transactions.run(caller, tx -> ledger.findTopUp(tx, paymentRef).chain(existing -> {
            if (existing.isPresent()) {
                LedgerStore.TopUpEntry earlier = existing.get();
                if (!earlier.userId().equals(userId) || earlier.entry().amount() != amount) {
                    return Uni.createFrom().failure(BillingProblems.keyReused(paymentRef));
                }
                return Uni.createFrom().item(new Result(TopUp.of(userId, earlier.entry()), true));
            }
            return wallets.createAndLock(tx, userId).chain(wallet -> {
                Wallet after = wallet.credit(amount);
                return wallets.save(tx, after)
                        .chain(() -> ledger.append(tx, after, LedgerKind.TOPUP, amount, paymentRef))
                        .call(entry -> events.toppedUp(tx, userId, entry))
                        .map(entry -> new Result(TopUp.of(userId, entry), false));
            });
        }));
    }
}
