package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import mr.bacmr.billing.domain.StoredResponse;

/** Original responses of calls made with an idempotency key, per user and operation ({@code scope}). */
@ApplicationScoped
public class IdempotencyStore {

    /** A stored original response and the fingerprint of the request that produced it. */
    public record Stored(String requestHash, StoredResponse response) {
    }

    public Uni<Optional<Stored>> find(SqlClient tx, String userId, String scope, String key) {
        return tx.preparedQuery("""
                        SELECT request_hash, status, body, reservation_id FROM idempotent_responses
                        WHERE user_id = $1 AND scope = $2 AND idempotency_key = $3""")
                .execute(Tuple.of(userId, scope, key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
                        new Stored(row.getString("request_hash"), new StoredResponse(row.getInteger("status"),
                                row.getString("body"), row.getUUID("reservation_id"), false))));
    }

    /** Stores an original response; false when the key is already taken (by a concurrent call with other parameters). */
    public Uni<Boolean> save(SqlClient tx, String userId, String scope, String key, String requestHash,
                             StoredResponse response) {
        return tx.preparedQuery("""
                        INSERT INTO idempotent_responses (user_id, scope, idempotency_key, request_hash, reservation_id,
                                                          status, body)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(new Object[] {userId, scope, key, requestHash, response.reservationId(),
                        response.status(), response.body()}))
                .map(rows -> rows.rowCount() == 1);
    }
}
