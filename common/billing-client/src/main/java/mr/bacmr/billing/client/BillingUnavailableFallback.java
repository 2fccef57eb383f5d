package mr.bacmr.billing.client;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import mr.bacmr.common.web.ProblemException;

/**
 * What is left after timeouts, retries and the breaker: billing cannot be reached. Callers get one stable problem,
 * {@code billing-unavailable} (503), and decide (retrieval answers extractively, quiz refuses).
 */
@ApplicationScoped
public class BillingUnavailableFallback implements FallbackHandler<Uni<Reservation>> {

    @Override
    public Uni<Reservation> handle(ExecutionContext context) {
        Throwable failure = context.getFailure();
        String why = failure instanceof CircuitBreakerOpenException ? "circuit breaker open"
                : failure instanceof TimeoutException ? "timed out"
                : failure instanceof BillingUnavailableException ? failure.getMessage()
                : "unreachable: " + failure.getClass().getSimpleName();
        Log.warnf("billing %s failed (%s)", context.getMethod().getName(), why);
        return Uni.createFrom().failure(new ProblemException(503, BillingClient.BILLING_UNAVAILABLE,
                "Billing unavailable", "billing-service cannot be reached (" + why + "); try again shortly"));
    }
}
