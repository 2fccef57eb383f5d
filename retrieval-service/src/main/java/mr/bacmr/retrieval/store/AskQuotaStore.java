package mr.bacmr.retrieval.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Asks per user and UTC day (S12). Taking one is a single conditional UPSERT, so concurrent asks of one user can
 * never exceed the allowance, whichever replica serves them; the day and the reset instant are database time.
 */
@ApplicationScoped
public class AskQuotaStore {

    /** The outcome of taking an ask: granted or not, and when the allowance resets (next UTC midnight). */
    public record Taken(boolean granted, LocalDate day, int used, OffsetDateTime now, OffsetDateTime resetsAt) {
    }

    private static final String TAKE = """
            WITH taken AS (
                INSERT INTO ask_quota AS q (user_id, day, asks)
                VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
                ON CONFLICT (user_id, day) DO UPDATE SET asks = q.asks + 1 WHERE q.asks < $2
                RETURNING q.day, q.asks)
            SELECT (SELECT day FROM taken) AS day, (SELECT asks FROM taken) AS asks, now() AS now,
                   (((now() AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC') AS resets_at""";

    private final Pool pool;

    public AskQuotaStore(Pool pool) {
        this.pool = pool;
    }

    /** Takes one ask from today's allowance of {@code perDay}, if any is left. */
    public Uni<Taken> take(String userId, int perDay) {
        return pool.preparedQuery(TAKE).execute(Tuple.of(userId, perDay)).map(rows -> {
            Row row = rows.iterator().next();
            Integer used = row.getInteger("asks");
            return new Taken(used != null, row.getLocalDate("day"), used == null ? perDay : used,
                    row.getOffsetDateTime("now"), row.getOffsetDateTime("resets_at"));
        });
    }

    /** Gives back an ask taken on {@code day}: the student got no answer for it. */
    public Uni<Void> giveBack(String userId, LocalDate day) {
        return pool.preparedQuery("UPDATE ask_quota SET asks = asks - 1 WHERE user_id = $1 AND day = $2 AND asks > 0")
                .execute(Tuple.of(userId, day)).replaceWithVoid();
    }

    /** Asks used by {@code userId} today. */
    public Uni<Integer> usedToday(String userId) {
        return pool.preparedQuery("SELECT asks FROM ask_quota WHERE user_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date")
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger("asks") : 0);
    }
}
