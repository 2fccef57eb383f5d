package mr.bacmr.billing.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.ReservationStore;
import mr.bacmr.common.web.ProblemException;

/**
 * Two-phase reservations (ARCHITECTURE.md §3.2, invariants §5.3). Each operation is one transaction of two
 * statements between BEGIN and COMMIT: one locks what it changes in the global order — the reservation row, then the
 * wallet row — and reads any stored idempotent response; the other writes the new state, computed here in
 * {@link Wallet} and {@link Reservation}, with the ledger entry and the response to replay. A reservation leaves
 * PENDING through a conditional update, and the database refuses a second time.
 */
@ApplicationScoped
public class ReservationService {

    static final String RESERVE = "reserve";
    static final String FINALIZE = "finalize";
    static final String RELEASE = "release";

    private final BillingTransactions transactions;
    private final ReservationStore reservations;
    private final ReservationExpirer expirer;
    private final BillingEvents events;
    private final ObjectMapper mapper;
    private final Duration defaultTtl;
    private final WalletLowAlert lowAlert;
    private final MeterRegistry registry;

    public ReservationService(BillingTransactions transactions, ReservationStore reservations,
                              ReservationExpirer expirer, BillingEvents events, ObjectMapper mapper,
                              BillingConfig config, MeterRegistry registry) {
        this.transactions = transactions;
        this.reservations = reservations;
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
        return transactions.run(caller, tx -> reservations.lockWalletForReserve(tx, userId, command.idempotencyKey())
                        .chain(found -> {
                            if (found.isEmpty()) {
                                // No wallet, no credits, and no earlier reservation under any key.
                                return Uni.createFrom().<StoredResponse>failure(
                                        BillingProblems.insufficientCredits(userId, 0, command.amount()));
                            }
                            ReservationStore.ReserveContext locked = found.get();
                            if (locked.stored().isPresent()) {
                                return replay(locked.stored().get(), fingerprint, command.idempotencyKey());
                            }
                            Wallet wallet = locked.wallet();
                            if (!wallet.canHold(command.amount())) {
                                return Uni.createFrom().failure(BillingProblems.insufficientCredits(userId,
                                        wallet.available(), command.amount()));
                            }
                            Reservation pending = new Reservation(UUID.randomUUID(), userId, command.amount(), 0,
                                    ReservationStatus.PENDING, command.operation(), command.idempotencyKey(),
                                    command.requestId(), locked.now().plus(ttl), locked.now(), null);
                            StoredResponse response = new StoredResponse(201, json(pending), pending.id(), false);
                            return reservations.hold(tx, pending, wallet.hold(command.amount()), fingerprint, response)
                                    .map(saved -> {
                                        if (!saved) {
                                            throw BillingProblems.keyReused(command.idempotencyKey());
                                        }
                                        return response;
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
        return resolve(caller, id, FINALIZE, idempotencyKey, fingerprint, locked -> {
            Reservation pending = locked.reservation();
            if (actual > pending.amount()) {
                throw BillingProblems.actualExceedsReserved(id, actual, pending.amount());
            }
            return new Resolved(pending.finalized(actual, locked.now()),
                    locked.wallet().capture(pending.amount(), actual));
        }).invoke(response -> count(response.replayed() ? "replayed" : "finalized"));
    }

    /** Returns the whole hold; idempotent with a key like {@link #finalize}. */
    public Uni<StoredResponse> release(DbCaller caller, UUID id, String idempotencyKey) {
        String fingerprint = RequestFingerprint.of(RELEASE, id);
        return resolve(caller, id, RELEASE, idempotencyKey, fingerprint, locked -> new Resolved(
                locked.reservation().released(locked.now()),
                locked.wallet().releaseHold(locked.reservation().amount())))
                .invoke(response -> count(response.replayed() ? "replayed" : "released"));
    }

    public Uni<Reservation> get(DbCaller caller, UUID id) {
        return transactions.run(caller, tx -> reservations.find(tx, id))
                .map(found -> found.orElseThrow(() -> BillingProblems.reservationNotFound(id)));
    }

    /** A reservation resolved and its wallet after the resolution, computed from their locked rows. */
    private record Resolved(Reservation reservation, Wallet wallet) {
    }

    /** What a resolution does to a PENDING, unexpired reservation; may refuse by throwing a problem. */
    private interface Resolution {
        Resolved apply(ReservationStore.ResolveContext locked);
    }

    private Uni<StoredResponse> resolve(DbCaller caller, UUID id, String scope, String key, String fingerprint,
                                        Resolution resolution) {
        return transactions.run(caller, tx -> reservations.lockForResolution(tx, id, scope, key).chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().<Outcome>failure(BillingProblems.reservationNotFound(id));
                    }
                    ReservationStore.ResolveContext locked = found.get();
                    Reservation reservation = locked.reservation();
                    if (locked.stored().isPresent()) {
                        return replay(locked.stored().get(), fingerprint, key).map(Outcome::of);
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
                    Resolved resolved = resolution.apply(locked);
                    StoredResponse response = new StoredResponse(200, json(resolved.reservation()), id, false);
                    return reservations.writeResolution(tx, resolved.reservation(), resolved.wallet(), scope, key,
                                    fingerprint, response)
                            .call(written -> {
                                if (!written.responseSaved()) {
                                    // Taken meanwhile by a call with other parameters (same key, other reservation).
                                    throw BillingProblems.keyReused(key);
                                }
                                long captured = resolved.reservation().captured();
                                return written.ledgerEntryId() != null && lowAlert.crossedBy(resolved.wallet(), captured)
                                        ? events.walletLow(tx, resolved.wallet(), lowAlert.threshold(),
                                                written.ledgerEntryId())
                                        : Uni.createFrom().voidItem();
                            })
                            .replaceWith(Outcome.of(response));
                }))
                .chain(Outcome::toUni)
                .onFailure(ProblemException.class).invoke(e -> count(outcomeOf((ProblemException) e)));
    }

    private static Uni<StoredResponse> replay(IdempotencyRecord stored, String fingerprint, String key) {
        if (!stored.matches(fingerprint)) {
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
