package mr.bacmr.retrieval.ask;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

import mr.bacmr.billing.client.BillingClient;
import mr.bacmr.billing.client.Reservation;
import mr.bacmr.billing.client.ReserveRequest;

/**
 * An ask's side of billing's two-phase reservations. Reserving is the gate: its failures (402 insufficient credits,
 * 503 billing unavailable) end the ask before anything is spent. Settling happens after the work is done, so its
 * failures are logged and counted rather than thrown: an unsettled reservation expires and refunds itself.
 */
@ApplicationScoped
public class Credits {

    public static final String OPERATION = "ask";

    private final BillingClient billing;
    private final MeterRegistry metrics;

    public Credits(BillingClient billing, MeterRegistry metrics) {
        this.billing = billing;
        this.metrics = metrics;
    }

    public Uni<Reservation> reserve(AskContext ask, long amount) {
        return billing.reserve(new ReserveRequest(ask.userId(), amount, OPERATION, ask.idempotencyKey(), null));
    }

    /** Captures {@code actual}, at most what was reserved; the rest returns to the wallet. */
    public Uni<Void> capture(Reservation reservation, long actual) {
        return billing.finalize(reservation.id(), Math.min(actual, reservation.amount()))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> unsettled("finalize", reservation.id(), failure));
    }

    public Uni<Void> release(Reservation reservation) {
        return billing.release(reservation.id())
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> unsettled("release", reservation.id(), failure));
    }

    private Uni<Void> unsettled(String action, UUID reservationId, Throwable failure) {
        Log.errorf("could not %s reservation %s (%s); it will expire and refund", action, reservationId,
                failure.toString());
        metrics.counter("bacmr_ask_unsettled_reservations_total", "action", action).increment();
        return Uni.createFrom().voidItem();
    }
}
