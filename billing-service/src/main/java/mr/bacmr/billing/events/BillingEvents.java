package mr.bacmr.billing.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.Reservation;
import mr.bacmr.billing.domain.Wallet;
import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.common.outbox.OutboxWriter;

/**
 * What billing tells the platform on {@code bacmr.billing.events} (key = user id), always through the outbox in the
 * transaction of the change. Event ids derive from the fact (the reservation, the ledger entry, the payment), so a
 * retried transaction cannot publish one fact twice.
 */
@ApplicationScoped
public class BillingEvents {

    static final int VERSION = 1;

    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final String producer;

    public BillingEvents(OutboxWriter outbox, ObjectMapper mapper,
                         @ConfigProperty(name = "quarkus.application.name") String producer) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.producer = producer;
    }

    public Uni<Void> reservationExpired(SqlClient tx, Reservation expired, Instant expiredAt) {
        return publish(tx, expired.userId(), expired.id().toString(), ReservationExpired.TYPE,
                new ReservationExpired(expired.id(), expired.userId(), expired.amount(), expired.operation(),
                        expired.expiresAt(), expiredAt));
    }

    public Uni<Void> walletLow(SqlClient tx, Wallet wallet, long threshold, long causingLedgerEntry) {
        return publish(tx, wallet.userId(), wallet.userId() + ":" + causingLedgerEntry, WalletLow.TYPE,
                new WalletLow(wallet.userId(), wallet.balance(), wallet.held(), wallet.available(), threshold));
    }

    public Uni<Void> toppedUp(SqlClient tx, String userId, LedgerEntry entry) {
        return publish(tx, userId, entry.reference(), WalletToppedUp.TYPE,
                new WalletToppedUp(userId, entry.amount(), entry.reference(), entry.balanceAfter()));
    }

    private Uni<Void> publish(SqlClient tx, String userId, String identity, String type, Object payload) {
        EventEnvelope envelope = EventEnvelope.createIdentified(mapper, identity, type, VERSION, producer, payload);
        return outbox.append(tx, OutboxMessage.event(Topics.BILLING_EVENTS, userId, envelope));
    }
}
