package mr.bacmr.billing.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.ReconciliationStore;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;

/**
 * Reconciliation (S18), scheduled and on demand: on one snapshot of the database it checks that every balance is
 * the sum of its ledger, every hold the sum of its pending reservations, no available amount is negative, and every
 * resolved reservation's capture matches its ledger entry. Drifts are recorded and exported as the gauge
 * {@code bacmr_billing_reconciliation_drift}; nothing is ever corrected here — an operator decides (an ADJUSTMENT
 * entry, a fix of the cause).
 */
@ApplicationScoped
public class ReconciliationService {

    private final BillingTransactions transactions;
    private final ReconciliationStore store;
    private final boolean scheduled;
    private final AtomicLong lastDriftCount = new AtomicLong();
    private final AtomicLong lastRunEpochSeconds = new AtomicLong();

    public ReconciliationService(BillingTransactions transactions, ReconciliationStore store, BillingConfig config,
                                 MeterRegistry registry) {
        this.transactions = transactions;
        this.store = store;
        this.scheduled = config.reconciliation().scheduled();
        registry.gauge("bacmr.billing.reconciliation.drift", lastDriftCount);
        registry.gauge("bacmr.billing.reconciliation.last.run.seconds", lastRunEpochSeconds);
    }

    /** An on-demand run; it runs even while a scheduled one is in progress elsewhere. */
    public Uni<ReconciliationRun> runNow(String requestedBy) {
        return run(ReconciliationRun.MANUAL, requestedBy, false).map(Optional::orElseThrow);
    }

    @Scheduled(every = "${bacmr.billing.reconciliation.every}", delayed = "${bacmr.billing.reconciliation.every}",
            identity = "reconciliation", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRun() {
        if (!scheduled) {
            return Uni.createFrom().voidItem();
        }
        return run(ReconciliationRun.SCHEDULED, null, true)
                .onFailure().invoke(e -> Log.errorf(e, "scheduled reconciliation failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Empty when {@code exclusive} and another replica's scheduled run holds the lock. */
    Uni<Optional<ReconciliationRun>> run(String trigger, String requestedBy, boolean exclusive) {
        return transactions.runOnSnapshot(DbCaller.RECONCILER, tx -> (exclusive
                        ? store.tryLockScheduledRun(tx) : Uni.createFrom().item(true))
                        .chain(mayRun -> !mayRun ? Uni.createFrom().item(Optional.<ReconciliationRun>empty())
                                : store.counts(tx).chain(counts -> store.findDrifts(tx).chain(drifts -> store.save(tx,
                                        new ReconciliationRun(UUID.randomUUID(), trigger, requestedBy, null, null,
                                                counts[0], counts[1], counts[2], drifts.size(), drifts))))
                                .map(Optional::of)))
                .invoke(done -> done.ifPresent(this::report));
    }

    public Uni<Optional<ReconciliationRun>> find(DbCaller caller, UUID id) {
        return transactions.run(caller, tx -> store.find(tx, id));
    }

    public Uni<Page<ReconciliationRun>> list(DbCaller caller, PageRequest page) {
        return transactions.run(caller, tx -> store.list(tx, page));
    }

    private void report(ReconciliationRun run) {
        lastDriftCount.set(run.driftCount());
        lastRunEpochSeconds.set(run.finishedAt().getEpochSecond());
        if (run.driftCount() > 0) {
            Log.warnf("reconciliation %s found %d drifts (first: %s); nothing was changed", run.id(), run.driftCount(),
                    run.drifts().get(0));
        } else {
            Log.infof("reconciliation %s: no drift in %d wallets, %d reservations, %d ledger entries", run.id(),
                    run.walletsChecked(), run.reservationsChecked(), run.ledgerEntriesChecked());
        }
    }
}
