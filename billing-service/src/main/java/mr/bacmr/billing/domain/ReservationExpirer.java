package mr.bacmr.billing.domain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.ReservationStore;
import mr.bacmr.billing.store.WalletStore;

/**
 * Expires a locked PENDING reservation past its expiry: the whole hold returns to available, no ledger entry is
 * written, and {@code reservation.expired} goes out through the outbox. Used by the sweeper and by a finalize or
 * release that arrives after the expiry but before the sweeper.
 */
@ApplicationScoped
public class ReservationExpirer {

    private final WalletStore wallets;
    private final ReservationStore reservations;
    private final BillingEvents events;

    public ReservationExpirer(WalletStore wallets, ReservationStore reservations, BillingEvents events) {
        this.wallets = wallets;
        this.reservations = reservations;
        this.events = events;
    }

    /** Call with the reservation row locked; wallets are locked here, after it (the global lock order). */
    public Uni<Reservation> expire(SqlClient tx, Reservation pending, Instant now) {
        Reservation expired = pending.expired(now);
        return wallets.lock(tx, pending.userId())
                .map(wallet -> wallet.orElseThrow(() -> new IllegalStateException("no wallet for " + pending.id())))
                .chain(wallet -> reservations.resolve(tx, expired)
                        .invoke(resolved -> requireResolved(resolved, pending))
                        .chain(() -> wallets.save(tx, wallet.releaseHold(pending.amount()))))
                .chain(() -> events.reservationExpired(tx, expired, now))
                .replaceWith(expired);
    }

    static void requireResolved(boolean resolved, Reservation reservation) {
        if (!resolved) {
            // The row is locked by this transaction, so this means a bug, never a race: roll everything back.
            throw new IllegalStateException("reservation " + reservation.id() + " left PENDING under our lock");
        }
    }
}
