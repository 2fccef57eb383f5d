package mr.bacmr.billing.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/**
 * The typed client retrieval and quiz use to charge credits (reserve before the paid work, finalize with what it
 * used, or release on failure).
 *
 * <p>Every call has a timeout and goes through one circuit breaker per method. All four calls are idempotent —
 * reserve by its idempotency key, finalize and release by the {@code Idempotency-Key} this client always sends
 * ({@code finalize:<id>}, {@code release:<id>}), get trivially — so all are retried on transient failures, never on
 * billing's answers. Billing's problems (402 {@code insufficient-credits}, 409 {@code reservation-expired},
 * {@code reservation-already-resolved}, {@code idempotency-key-reused}, 422 {@code actual-exceeds-reserved},
 * 404 {@code not-found}) come back as {@link ProblemException}s with billing's type, status and detail; connection
 * failures, timeouts, 5xx and an open breaker become a 503 {@code billing-unavailable} problem.
 *
 * <p>Tune with MicroProfile Fault Tolerance keys, e.g.
 * {@code mr.bacmr.billing.client.BillingClient/Timeout/value=3000} (all calls) or
 * {@code mr.bacmr.billing.client.BillingClient/reserve/Retry/maxRetries=1} (one call).
 */
@ApplicationScoped
@Timeout(2000)
@Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {ProblemException.class, CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = ProblemException.class)
public class BillingClient {

    public static final URI BILLING_UNAVAILABLE = ProblemType.of("billing-unavailable");

    private final BillingApi api;

    @Inject
    public BillingClient(@RestClient BillingApi api) {
        this.api = api;
    }

    @Fallback(value = BillingUnavailableFallback.class, skipOn = ProblemException.class)
    public Uni<Reservation> reserve(ReserveRequest request) {
        return api.reserve(request);
    }

    @Fallback(value = BillingUnavailableFallback.class, skipOn = ProblemException.class)
    public Uni<Reservation> finalize(UUID reservationId, long actual) {
        return api.finalize(reservationId, "finalize:" + reservationId, new BillingApi.FinalizeBody(actual));
    }

    @Fallback(value = BillingUnavailableFallback.class, skipOn = ProblemException.class)
    public Uni<Reservation> release(UUID reservationId) {
        return api.release(reservationId, "release:" + reservationId);
    }

    @Fallback(value = BillingUnavailableFallback.class, skipOn = ProblemException.class)
    public Uni<Reservation> get(UUID reservationId) {
        return api.get(reservationId);
    }
}
