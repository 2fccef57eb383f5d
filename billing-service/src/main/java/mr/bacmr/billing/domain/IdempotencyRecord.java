package mr.bacmr.billing.domain;

/**
 * An original response stored under an idempotency key, with the fingerprint of the request that produced it: a
 * repeat with the same fingerprint replays the response, another fingerprint is a reused key.
 */
public record IdempotencyRecord(String requestHash, StoredResponse response) {

    public boolean matches(String fingerprint) {
        return requestHash.equals(fingerprint);
    }
}
