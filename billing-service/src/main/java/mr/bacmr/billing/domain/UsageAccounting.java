package mr.bacmr.billing.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.LedgerStore;
import mr.bacmr.billing.store.UsageStore;
import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.events.UsageRecorded;
import mr.bacmr.common.outbox.ProcessedEvents;

/**
 * Usage accounting from {@code bacmr.usage}, applied once per event id and once per usage id. Usage under a
 * reservation was captured by finalize and is only aggregated. Usage without one is debited ({@code USAGE_DEBIT},
 * reference = usage id) from the available credits only — held credits belong to pending reservations, so
 * {@code balance >= held >= 0} always holds. What the wallet cannot cover is recorded as the usage's shortfall
 * (and counted in a metric) rather than driving the wallet negative or dropping the event.
 */
@ApplicationScoped
public class UsageAccounting {

    static final String CONSUMER = "billing.usage";

    private final BillingTransactions transactions;
    private final ProcessedEvents processed;
    private final UsageStore usage;
    private final WalletStore wallets;
    private final LedgerStore ledger;
    private final BillingEvents events;
    private final WalletLowAlert lowAlert;
    private final MeterRegistry registry;

    public UsageAccounting(BillingTransactions transactions, ProcessedEvents processed, UsageStore usage,
                           WalletStore wallets, LedgerStore ledger, BillingEvents events, BillingConfig config,
                           MeterRegistry registry) {
        this.transactions = transactions;
        this.processed = processed;
        this.usage = usage;
        this.wallets = wallets;
        this.ledger = ledger;
        this.events = events;
        this.lowAlert = new WalletLowAlert(config.walletLowThreshold());
        this.registry = registry;
    }

    /** Applies one usage event; false when this event or this usage was applied before. */
    public Uni<Boolean> apply(UUID eventId, UsageRecorded recorded) {
        validate(recorded);
        return transactions.run(DbCaller.USAGE_CONSUMER, tx -> processed.markFirstTime(tx, CONSUMER, eventId)
                        .chain(first -> !first ? Uni.createFrom().item(false)
                                : usage.exists(tx, recorded.usageId()).chain(known -> known
                                        ? Uni.createFrom().item(false)
                                        : debit(tx, recorded).chain(debit -> usage.record(tx, eventId, recorded,
                                                debit.debited(), debit.shortfall())).replaceWith(true))))
                .invoke(applied -> registry.counter("bacmr.billing.usage.events", "outcome",
                        applied ? "applied" : "duplicate").increment());
    }

    private record Debit(long debited, long shortfall) {
    }

    private Uni<Debit> debit(SqlClient tx, UsageRecorded recorded) {
        if (recorded.reservationId() != null || recorded.credits() == 0) {
            return Uni.createFrom().item(new Debit(0, 0));
        }
        return wallets.createAndLock(tx, recorded.userId()).chain(wallet -> {
            Wallet after = wallet.debitUpTo(recorded.credits());
            long debited = wallet.balance() - after.balance();
            Debit debit = new Debit(debited, recorded.credits() - debited);
            if (debit.shortfall() > 0) {
                registry.counter("bacmr.billing.usage.shortfall.credits").increment(debit.shortfall());
            }
            if (debited == 0) {
                return Uni.createFrom().item(debit);
            }
            return wallets.save(tx, after)
                    .chain(() -> ledger.append(tx, after, LedgerKind.USAGE_DEBIT, -debited, recorded.usageId().toString()))
                    .chain(entry -> lowAlert.crossedBy(after, debited)
                            ? events.walletLow(tx, after, lowAlert.threshold(), entry.id())
                            : Uni.createFrom().voidItem())
                    .replaceWith(debit);
        });
    }

    private static void validate(UsageRecorded recorded) {
        if (recorded.usageId() == null || recorded.userId() == null || recorded.userId().isBlank()
                || recorded.occurredAt() == null) {
            throw new IllegalArgumentException("usage event without usage_id, user_id or occurred_at");
        }
        if (recorded.credits() < 0 || recorded.inputTokens() < 0 || recorded.outputTokens() < 0) {
            throw new IllegalArgumentException("usage " + recorded.usageId() + " has negative credits or tokens");
        }
    }
}
