package mr.bacmr.billing.domain;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.ReservationStore;

/**
 * Expires PENDING reservations past their {@code expires_at} (database time) and returns their holds, every sweep
 * interval. Safe with several replicas: each batch claims rows with {@code FOR UPDATE SKIP LOCKED}, so replicas (and
 * finalize calls) never wait on or double-expire each other's rows, and wallets are locked in user order.
 */
@ApplicationScoped
public class ReservationSweeper {

    private final BillingTransactions transactions;
    private final ReservationStore reservations;
    private final ReservationExpirer expirer;
    private final int batchSize;
    private final boolean enabled;
    private final Counter expired;

    public ReservationSweeper(BillingTransactions transactions, ReservationStore reservations, ReservationExpirer expirer,
                              BillingConfig config, MeterRegistry registry) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.expirer = expirer;
        this.batchSize = config.reservations().sweepBatchSize();
        this.enabled = config.reservations().sweeperEnabled();
        this.expired = registry.counter("bacmr.billing.reservations", "outcome", "expired");
    }

    @Scheduled(every = "${bacmr.billing.reservations.sweep-interval}", identity = "reservation-sweeper",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return sweep()
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("expired %d reservations", count);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("reservation sweep failed, the next one retries: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }

    /** Expires everything past its expiry now, batch after batch; the item is how many reservations expired. */
    public Uni<Integer> sweep() {
        return sweepBatch().chain(count -> count < batchSize
                ? Uni.createFrom().item(count)
                : sweep().map(more -> count + more));
    }

    Uni<Integer> sweepBatch() {
        return transactions.run(DbCaller.SWEEPER, tx -> reservations.claimExpired(tx, batchSize)
                        .chain(claimed -> claimed.isEmpty()
                                ? Uni.createFrom().item(List.<Reservation>of())
                                : reservations.now(tx).chain(now -> Multi.createFrom().iterable(claimed)
                                        .onItem().transformToUniAndConcatenate(r -> expirer.expire(tx, r, now))
                                        .collect().asList())))
                .map(List::size)
                .invoke(count -> expired.increment(count));
    }
}
