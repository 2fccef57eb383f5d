package mr.bacmr.billing.client;

/** billing-service could not answer (5xx, or it refused our credentials): worth a retry, counts against the breaker. */
public class BillingUnavailableException extends RuntimeException {

    public BillingUnavailableException(String message) {
        super(message);
    }
}
