package mr.bacmr.retrieval.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Client idempotency keys of asks, per user. Claiming a key is one conditional UPSERT, so of two concurrent asks with
 * one key exactly one runs, whichever replicas serve them. A claim older than {@code keep} is free again, and so is
 * one still without a response after {@code stale} (its replica died mid-ask: nothing was captured for it).
 */
@ApplicationScoped
public class AskIdempotencyStore {

    /** What a key holds when it could not be claimed. */
    public sealed interface Held permits Claimed, OtherRequest, InFlight, Answered {
    }

    /** The key is this request's: run the ask, then {@link #complete} or {@link #forget}. */
    public record Claimed() implements Held {
    }

    /** The key was used with another request. */
    public record OtherRequest() implements Held {
    }

    /** The first request with this key is still being answered. */
    public record InFlight() implements Held {
    }

    /** The first request's answer, to replay. */
    public record Answered(JsonObject response) implements Held {
    }

    private static final String CLAIM = """
            INSERT INTO ask_idempotency AS i (user_id, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (user_id, key) DO UPDATE SET request_hash = excluded.request_hash, response = NULL, created_at = now()
                WHERE i.created_at < now() - make_interval(secs => $4)
                   OR (i.response IS NULL AND i.created_at < now() - make_interval(secs => $5))
            RETURNING 1""";

    private final Pool pool;

    public AskIdempotencyStore(Pool pool) {
        this.pool = pool;
    }

    /** Claims {@code key} for a request of {@code requestHash}, or says what holds it. */
    public Uni<Held> claim(String userId, String key, String requestHash, Duration keep, Duration stale) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(userId, key, requestHash, (double) keep.toSeconds(), (double) stale.toSeconds()))
                .chain(claimed -> claimed.size() == 1 ? Uni.createFrom().item(new Claimed())
                        : pool.preparedQuery("SELECT request_hash, response FROM ask_idempotency WHERE user_id = $1 AND key = $2")
                                .execute(Tuple.of(userId, key))
                                .map(rows -> held(rows, requestHash)));
    }

    private static Held held(RowSet<Row> rows, String requestHash) {
        if (!rows.iterator().hasNext()) {
            return new InFlight(); // deleted between the two statements: its ask just failed; a retry will claim it
        }
        Row row = rows.iterator().next();
        if (!row.getString("request_hash").equals(requestHash)) {
            return new OtherRequest();
        }
        JsonObject response = row.getJsonObject("response");
        return response == null ? new InFlight() : new Answered(response);
    }

    /** Stores the answer of a claimed key, for replays. */
    public Uni<Void> complete(String userId, String key, JsonObject response) {
        return pool.preparedQuery("UPDATE ask_idempotency SET response = $3 WHERE user_id = $1 AND key = $2")
                .execute(Tuple.of(userId, key, response)).replaceWithVoid();
    }

    /** Frees a claimed key whose ask failed (nothing was charged), so the client may retry with it. */
    public Uni<Void> forget(String userId, String key) {
        return pool.preparedQuery("DELETE FROM ask_idempotency WHERE user_id = $1 AND key = $2 AND response IS NULL")
                .execute(Tuple.of(userId, key)).replaceWithVoid();
    }

    /** Deletes keys older than {@code keep}; returns how many. */
    public Uni<Integer> purge(Duration keep) {
        return pool.preparedQuery("DELETE FROM ask_idempotency WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) keep.toSeconds())).map(RowSet::rowCount);
    }
}
