package mr.bacmr.billing.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.IdempotencyStore;
import mr.bacmr.billing.store.LedgerStore;
import mr.bacmr.billing.store.ReservationStore;
import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.web.ProblemException;

/**
 * Two-phase reservations (ARCHITECTURE.md §3.2, invariants §5.3). Each operation is one transaction that locks
 * what it changes in one global order — the reservation row, then the wallet row — computes the new state in
 * {@link Wallet} and {@link Reservation}, and writes it with the ledger entry, the stored idempotent response and
 * any event. A reservation leaves PENDING through a conditional update, and the database refuses a second time.
 */
@ApplicationScoped
public class ReservationService {

    static final String RESERVE = "reserve";
    static final String FINALIZE = "finalize";
    static final String RELEASE = "release";

    private final BillingTransactions transactions;
    private final WalletStore wallets;
    private final LedgerStore ledger;
    private final ReservationStore reservations;
    private final IdempotencyStore idempotency;
    private final ReservationExpirer expirer;
    private final BillingEvents events;
    private final ObjectMapper mapper;
    private final Duration defaultTtl;
    private final WalletLowAlert lowAlert;
    private final MeterRegistry registry;

    public ReservationService(BillingTransactions transactions, WalletStore wallets, LedgerStore ledger,
                              ReservationStore reservations, IdempotencyStore idempotency, ReservationExpirer expirer,
                              BillingEvents events, ObjectMapper mapper, BillingConfig config, MeterRegistry registry) {
        this.transactions = transactions;
        this.wallets = wallets;
        this.ledger = ledger;
        this.reservations = reservations;
        this.idempotency = idempotency;
        this.expirer = expirer;
        this.events = events;
        this.mapper = mapper;
        this.defaultTtl = config.reservations().defaultTtl();
        this.lowAlert = new WalletLowAlert(config.walletLowThreshold());
        this.registry = registry;
    }

    /** 201 with the new PENDING reservation, or the stored original for a repeated key; 402 holds nothing. */
    public Uni<StoredResponse> reserve(DbCaller caller, ReserveCommand command) {
        Duration ttl = command.ttlS() == null ? defaultTtl : Duration.ofSeconds(command.ttlS());
        String fingerprint = RequestFingerprint.of(RESERVE, command.amount(), command.operation(), ttl.toSeconds());
        String userId = command.userId();
        return transactions.run(caller, tx -> wallets.lock(tx, userId).chain(wallet -> {
                    if (wallet.isEmpty()) {
                        // No wallet, no credits, and no earlier reservation under any key.
                        return Uni.createFrom().<StoredResponse>failure(
                                BillingProblems.insufficientCredits(userId, 0, command.amount()));
                    }
                    return idempotency.find(tx, userId, RESERVE, command.idempotencyKey()).chain(stored -> {
                        if (stored.isPresent()) {
                            return replay(stored.get(), fingerprint, command.idempotencyKey());
                        }
                        if (!wallet.get().canHold(command.amount())) {
                            return Uni.createFrom().failure(BillingProblems.insufficientCredits(userId,
                                    wallet.get().available(), command.amount()));
                        }
                        return reservations.insert(tx, UUID.randomUUID(), userId, command.amount(), command.operation(),
                                        command.idempotencyKey(), command.requestId(), ttl)
                                .call(created -> wallets.save(tx, wallet.get().hold(command.amount())))
                                .chain(created -> remember(tx, userId, RESERVE, command.idempotencyKey(), fingerprint,
                                        201, created));
                    });
                }))
                .invoke(response -> count(response.replayed() ? "replayed" : "reserved"))
                .onFailure(ProblemException.class).invoke(e -> count(outcomeOf((ProblemException) e)));
    }

    /**
     * Captures {@code actual} (at most the amount) and returns the rest of the hold. With an idempotency key, a
     * repeat with the same key and amount replays the original answer; any other second resolution is a 409.
     */
    public Uni<StoredResponse> finalize(DbCaller caller, UUID id, long actual, String idempotencyKey) {
        String fingerprint = RequestFingerprint.of(FINALIZE, id, actual);
        return resolve(caller, id, FINALIZE, idempotencyKey, fingerprint, (tx, locked) -> {
            Reservation pending = locked.reservation();
            if (actual > pending.amount()) {
                return Uni.createFrom().failure(BillingProblems.actualExceedsReserved(id, actual, pending.amount()));
            }
            Reservation finalized = pending.finalized(actual, locked.now());
            return lockWallet(tx, pending).chain(wallet -> {
                Wallet after = wallet.capture(pending.amount(), actual);
                return writeResolution(tx, finalized, after)
                        .chain(() -> actual == 0 ? Uni.createFrom().voidItem() : capture(tx, after, finalized))
                        .replaceWith(finalized);
            });
        }).invoke(response -> count(response.replayed() ? "replayed" : "finalized"));
    }

    /** Returns the whole hold; idempotent with a key like {@link #finalize}. */
    public Uni<StoredResponse> release(DbCaller caller, UUID id, String idempotencyKey) {
        String fingerprint = RequestFingerprint.of(RELEASE, id);
        return resolve(caller, id, RELEASE, idempotencyKey, fingerprint, (tx, locked) -> {
            Reservation released = locked.reservation().released(locked.now());
            return lockWallet(tx, released)
                    .chain(wallet -> writeResolution(tx, released, wallet.releaseHold(released.amount())))
                    .replaceWith(released);
        }).invoke(response -> count(response.replayed() ? "replayed" : "released"));
    }

    public Uni<Reservation> get(DbCaller caller, UUID id) {
        return transactions.run(caller, tx -> reservations.find(tx, id))
                .map(found -> found.orElseThrow(() -> BillingProblems.reservationNotFound(id)));
    }

    /** What a resolution does to a PENDING, unexpired, locked reservation; returns it resolved. */
    private interface Resolution {
        Uni<Reservation> apply(SqlClient tx, ReservationStore.Locked locked);
    }

    private Uni<StoredResponse> resolve(DbCaller caller, UUID id, String scope, String key, String fingerprint,
                                        Resolution resolution) {
        return transactions.run(caller, tx -> reservations.lock(tx, id).chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().<Outcome>failure(BillingProblems.reservationNotFound(id));
                    }
                    ReservationStore.Locked locked = found.get();
                    Reservation reservation = locked.reservation();
                    Uni<Optional<IdempotencyStore.Stored>> stored = key == null
                            ? Uni.createFrom().item(Optional.empty())
                            : idempotency.find(tx, reservation.userId(), scope, key);
                    return stored.chain(original -> {
                        if (original.isPresent()) {
                            return replay(original.get(), fingerprint, key).map(Outcome::of);
                        }
                        if (reservation.status() == ReservationStatus.EXPIRED) {
                            return Uni.createFrom().failure(BillingProblems.expired(id));
                        }
                        if (!reservation.isPending()) {
                            return Uni.createFrom().failure(BillingProblems.alreadyResolved(id, reservation.status()));
                        }
                        if (reservation.isPastExpiry(locked.now())) {
                            // Too late, though the sweeper has not come by yet: expire it now, and say so.
                            return expirer.expire(tx, reservation, locked.now())
                                    .invoke(() -> count("expired"))
                                    .replaceWith(Outcome.refused(BillingProblems.expired(id)));
                        }
                        return resolution.apply(tx, locked)
                                .chain(resolved -> remember(tx, resolved.userId(), scope, key, fingerprint, 200, resolved))
                                .map(Outcome::of);
                    });
                }))
                .chain(Outcome::toUni)
                .onFailure(ProblemException.class).invoke(e -> count(outcomeOf((ProblemException) e)));
    }

    private Uni<Wallet> lockWallet(SqlClient tx, Reservation reservation) {
        return wallets.lock(tx, reservation.userId()).map(wallet -> wallet.orElseThrow(
                () -> new IllegalStateException("reservation " + reservation.id() + " has no wallet")));
    }

    private Uni<Void> writeResolution(SqlClient tx, Reservation resolved, Wallet after) {
        return reservations.resolve(tx, resolved)
                .invoke(done -> ReservationExpirer.requireResolved(done, resolved))
                .chain(() -> wallets.save(tx, after));
    }

    private Uni<Void> capture(SqlClient tx, Wallet after, Reservation finalized) {
        return ledger.append(tx, after, LedgerKind.CAPTURE, -finalized.captured(), finalized.id().toString())
                .chain(entry -> lowAlert.crossedBy(after, finalized.captured())
                        ? events.walletLow(tx, after, lowAlert.threshold(), entry.id())
                        : Uni.createFrom().voidItem());
    }

    private Uni<StoredResponse> remember(SqlClient tx, String userId, String scope, String key, String fingerprint,
                                         int status, Reservation reservation) {
        StoredResponse response = new StoredResponse(status, json(reservation), reservation.id(), false);
        if (key == null) {
            return Uni.createFrom().item(response);
        }
        return idempotency.save(tx, userId, scope, key, fingerprint, response).map(saved -> {
            if (!saved) {
                // Taken meanwhile by a call with other parameters (same key, other reservation): roll back.
                throw BillingProblems.keyReused(key);
            }
            return response;
        });
    }

    private static Uni<StoredResponse> replay(IdempotencyStore.Stored stored, String fingerprint, String key) {
        if (!stored.requestHash().equals(fingerprint)) {
            return Uni.createFrom().failure(BillingProblems.keyReused(key));
        }
        return Uni.createFrom().item(stored.response().asReplay());
    }

    private String json(Reservation reservation) {
        try {
            return mapper.writeValueAsString(reservation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reservation " + reservation.id() + " cannot be serialised", e);
        }
    }

    private void count(String outcome) {
        registry.counter("bacmr.billing.reservations", "outcome", outcome).increment();
    }

    private static String outcomeOf(ProblemException problem) {
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
