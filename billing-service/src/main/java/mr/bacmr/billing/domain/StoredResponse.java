package mr.bacmr.billing.domain;

import java.util.UUID;

/**
 * An answer of the reservation API: its status and exact JSON body, and whether it is the replay of an original
 * answer stored under an idempotency key.
 */
public record StoredResponse(int status, String body, UUID reservationId, boolean replayed) {

    public StoredResponse asReplay() {
        return new StoredResponse(status, body, reservationId, true);
    }
}
